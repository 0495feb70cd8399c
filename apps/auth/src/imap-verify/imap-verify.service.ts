import { DEFAULT_PORT, VerifyImapRequest, VerifyImapResponse } from '@btsx/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { CredentialService } from '../credentials/credential.service';
import { ImapLoginCheck, VerifiableLogin } from './imap-login-check';

/** Checks a login against the real server and keeps it, encrypted, only when it worked. */
@Injectable()
export class ImapVerifyService {
  private readonly logger = new Logger(ImapVerifyService.name);

  constructor(
    private readonly loginCheck: ImapLoginCheck,
    private readonly credentials: CredentialService,
  ) {}

  /** `session`: the digest of the client session the token is given to. */
  async verify(request: VerifyImapRequest, session: string): Promise<VerifyImapResponse> {
    const login = toLogin(request);
    await this.loginCheck.check(login);
    const credentialId = await this.credentials.issue(login, request.side, session);
    this.logger.log(`Stored a ${request.side} credential for ${login.host}:${login.port}`);
    return { credentialId };
  }
}

export function toLogin(request: VerifyImapRequest): VerifiableLogin {
  return {
    host: request.host.trim(),
    port: request.port ?? DEFAULT_PORT[request.security],
    security: request.security,
    verifyCertificate: request.tlsInsecure !== true,
    username: request.username,
    password: request.password,
  };
}
