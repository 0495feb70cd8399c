import { ImapEndpoint } from '@btsx/contracts';
import { ImapSession, openImapSession } from '@btsx/imap';
import { Inject, Injectable } from '@nestjs/common';
import { AuthConfig } from '../config/auth-config';
import { AUTH_CONFIG } from '../config/auth-config.token';
import { imapErrorToHttp } from './imap-error-to-http';

/**
 * A person waits at the sign-in page, whose requests give up after 30 s: a server that stays
 * silent (or drips its greeting) this long in any step of the check fails it.
 */
const LOGIN_CHECK_TIMEOUT_MS = 15_000;

export type VerifiableLogin = ImapEndpoint & { password: string };

/** Proves a login works; abstract so a test can swap in a fake server answer. */
export abstract class ImapLoginCheck {
  /** Resolves when the server accepted the login; throws an AppError saying why not. */
  abstract check(login: VerifiableLogin): Promise<void>;
}

/** Logs in to the real server with libs/imap, then logs out again. */
@Injectable()
export class ImapSessionLoginCheck extends ImapLoginCheck {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    super();
  }

  async check(login: VerifiableLogin): Promise<void> {
    let session: ImapSession;
    try {
      session = await openImapSession(login, {
        allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
        connectTimeoutMs: LOGIN_CHECK_TIMEOUT_MS,
        commandTimeoutMs: LOGIN_CHECK_TIMEOUT_MS,
      });
    } catch (error) {
      throw imapErrorToHttp(error, login.password);
    }
    // The login succeeded: its LOGOUT need not hold the person up (close() drops the socket
    // of a server that does not answer it).
    void session.close();
  }
}
