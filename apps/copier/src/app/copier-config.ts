import { DELIVERY_POLICIES } from '@btsx/contracts';
import { DEFAULT_COMMAND_TIMEOUT_MS } from '@btsx/imap';
import {
  AllowPrivateHostsSetting,
  CommandTimeoutSetting,
  EnvInt,
  MaxConnectionsPerAccountSetting,
  MaxConnectionsPerHostSetting,
} from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { QuotaServiceConfig } from './pacing/quota-config';

/** The copier's settings; its transfer quotas' are QuotaServiceConfig's. */
export class CopierConfig extends QuotaServiceConfig {
  @AllowPrivateHostsSetting()
  BTSX_ALLOW_PRIVATE_HOSTS: boolean;

  @MaxConnectionsPerAccountSetting()
  IMAP_MAX_CONNECTIONS_PER_ACCOUNT: number;

  @MaxConnectionsPerHostSetting()
  IMAP_MAX_CONNECTIONS_PER_HOST: number;

  /** Tasks (folders) one copier process works on at once; each holds two IMAP connections. */
  @Expose()
  @EnvInt(DELIVERY_POLICIES['copy.task'].concurrency)
  @IsInt({ message: 'COPIER_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(64)
  COPIER_CONCURRENCY: number;

  /**
   * How long a task may go without a heartbeat before JetStream hands it to another copier:
   * the time a crashed copier's folders wait before they resume elsewhere.
   */
  @Expose()
  @EnvInt(DELIVERY_POLICIES['copy.task'].ackWaitMs)
  @IsInt({ message: 'COPIER_TASK_ACK_WAIT_MS must be a whole number' })
  @Min(1_000)
  @Max(3_600_000)
  COPIER_TASK_ACK_WAIT_MS: number;

  /** An IMAP connection silent this long while a command waits is dropped and the task retried. */
  @CommandTimeoutSetting(DEFAULT_COMMAND_TIMEOUT_MS)
  IMAP_COMMAND_TIMEOUT_MS: number;

  /** The longest a throttled task waits before its retry, whatever backoff the server suggests. */
  @Expose()
  @EnvInt(300_000)
  @IsInt({ message: 'COPIER_MAX_THROTTLE_WAIT_MS must be a whole number' })
  @Min(0)
  @Max(300_000)
  COPIER_MAX_THROTTLE_WAIT_MS: number;

  /**
   * How long a finished task's connections wait for the next task of the same two accounts
   * before they log out; 0 logs out after every task (each task then logs in afresh, e.g. for
   * servers that end a session when its OAuth token expires).
   */
  @Expose()
  @EnvInt(2_000)
  @IsInt({ message: 'COPIER_IDLE_CONNECTION_MS must be a whole number' })
  @Min(0)
  @Max(30_000)
  COPIER_IDLE_CONNECTION_MS: number;

  /**
   * Days a copy-ledger entry is kept after it was last written: reruns and delta passes of the
   * same two accounts within it know what is already at the destination.
   */
  @Expose()
  @EnvInt(180)
  @IsInt({ message: 'COPIER_LEDGER_DAYS must be a whole number' })
  @Min(1)
  @Max(3650)
  COPIER_LEDGER_DAYS: number;
}
