import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AUTH_CONFIG } from '../config/auth-config.token';
import { AuthConfig } from '../config/auth-config';
import { CredentialService } from './credential.service';

/** Often enough that an abandoned credential outlives its TTL by minutes, not hours. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/** Deletes credentials no job ever used once they are older than CREDENTIAL_TTL_HOURS. */
@Injectable()
export class CredentialPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CredentialPurge.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly credentials: CredentialService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeOnce(), PURGE_INTERVAL_MS);
    // Never the reason the process stays alive.
    this.timer.unref();
    void this.purgeOnce();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; a failure is logged and the next tick tries again. */
  purgeOnce(): Promise<void> {
    this.running ??= this.purge().finally(() => (this.running = undefined));
    return this.running;
  }

  private async purge(): Promise<void> {
    try {
      const ttl = this.config.CREDENTIAL_TTL_HOURS;
      const purged = await this.credentials.purgeUnused(ttl);
      if (purged > 0) this.logger.log(`Purged ${purged} credential(s) unused for ${ttl} h`);
    } catch (error) {
      this.logger.warn(
        `Credential purge failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
