import { ImapEndpoint, SUBJECTS } from '@btsx/contracts';
import { AppError, BusClient, RemoteError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OrchestratorConfig } from '../orchestrator.config';

/** auth answers this kind when a credential is unknown or was already purged. */
const CREDENTIAL_NOT_FOUND = 'credential_not_found';

export type AccountSide = 'source' | 'destination';

export interface DescribedAccounts {
  source: ImapEndpoint;
  destination: ImapEndpoint;
}

/** Asks auth where the two accounts of a job are (never their secrets), in parallel. */
@Injectable()
export class AccountDescriber {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly bus: BusClient,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  async describeBoth(credentials: {
    sourceCredentialId: string;
    destinationCredentialId: string;
  }): Promise<DescribedAccounts> {
    const [source, destination] = await Promise.all([
      this.describe(credentials.sourceCredentialId, 'source'),
      this.describe(credentials.destinationCredentialId, 'destination'),
    ]);
    return { source, destination };
  }

  /** 400 when auth does not know the credential (purged or never made), 503 when it is down. */
  private async describe(credentialId: string, side: AccountSide): Promise<ImapEndpoint> {
    try {
      return await this.bus.request(
        SUBJECTS.credentialDescribe,
        { credentialId },
        this.config.AUTH_REQUEST_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof RemoteError && error.kind === CREDENTIAL_NOT_FOUND) {
        throw new AppError(400, `The ${side} account must authenticate again`);
      }
      this.logger.warn(`Describing the ${side} credential failed: ${String(error)}`);
      throw new AppError(503, 'The account service is not answering; try again shortly');
    }
  }
}
