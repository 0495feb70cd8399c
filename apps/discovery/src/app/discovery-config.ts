import { DELIVERY_POLICIES } from '@btsx/contracts';
import { DEFAULT_COMMAND_TIMEOUT_MS } from '@btsx/imap';
import {
  AllowPrivateHostsSetting,
  CommandTimeoutSetting,
  BusServiceConfig,
  EnvInt,
  MaxConnectionsPerAccountSetting,
  MaxConnectionsPerHostSetting,
} from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class DiscoveryConfig extends BusServiceConfig {
  @AllowPrivateHostsSetting()
  BTSX_ALLOW_PRIVATE_HOSTS: boolean;

  @MaxConnectionsPerAccountSetting()
  IMAP_MAX_CONNECTIONS_PER_ACCOUNT: number;

  @MaxConnectionsPerHostSetting()
  IMAP_MAX_CONNECTIONS_PER_HOST: number;

  /**
   * Folders with at least twice this many messages are cut into UID ranges of about this
   * size, copied side by side; 0 (the default) keeps every folder whole, except into a server
   * that takes one APPEND at a time (ONE_AT_A_TIME_RANGE_MESSAGES). Off by default: on Dovecot
   * with Maildir, concurrent APPENDs into one folder made it 3x slower (docs/performance.md).
   */
  @Expose()
  @EnvInt(0)
  @IsInt({ message: 'DISCOVERY_RANGE_MESSAGES must be a whole number' })
  @Min(0)
  @Max(10_000_000)
  DISCOVERY_RANGE_MESSAGES: number;

  /** Jobs one discovery process plans, and audits it runs, at once. */
  @Expose()
  @EnvInt(DELIVERY_POLICIES['job.requested'].concurrency)
  @IsInt({ message: 'DISCOVERY_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(64)
  DISCOVERY_CONCURRENCY: number;

  /**
   * Tries of a plan or an audit whose account fails in passing (a cut connection, a silent
   * server) before its job is told it failed; about 15 s of backoff at the default.
   */
  @Expose()
  @EnvInt(DELIVERY_POLICIES['job.requested'].attempts ?? 5)
  @IsInt({ message: 'DISCOVERY_ATTEMPTS must be a whole number' })
  @Min(1)
  @Max(20)
  DISCOVERY_ATTEMPTS: number;

  /**
   * An IMAP connection silent this long while a command waits is dropped: a silent server
   * ends a plan or an audit attempt after it, and the heartbeat keeps a long one ours.
   */
  @CommandTimeoutSetting(DEFAULT_COMMAND_TIMEOUT_MS)
  IMAP_COMMAND_TIMEOUT_MS: number;
}
