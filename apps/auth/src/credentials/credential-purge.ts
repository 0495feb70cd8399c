import { PeriodicService } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AUTH_CONFIG } from '../config/auth-config.token';
import { AuthConfig } from '../config/auth-config';
import { CredentialService } from './credential.service';

/** Often enough that an abandoned credential outlives its TTL by minutes, not hours. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/** Deletes credentials no job ever used once they are older than CREDENTIAL_TTL_HOURS. */
@Injectable()
export class CredentialPurge extends PeriodicService {
  private readonly logger = new Logger(CredentialPurge.name);

  constructor(
    private readonly credentials: CredentialService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {
    super('Credential purge', PURGE_INTERVAL_MS);
  }

  /** One pass, after the one in progress if there is one. */
  purgeOnce(): Promise<void> {
    return this.task.runNow();
  }

  protected runOnce(): Promise<void> {
    return this.purge();
  }

  private async purge(): Promise<void> {
    const ttl = this.config.CREDENTIAL_TTL_HOURS;
    const purged = await this.credentials.purgeUnused(ttl);
    if (purged > 0) this.logger.log(`Purged ${purged} credential(s) unused for ${ttl} h`);
  }
}
