import { JobRequested } from '@btsx/contracts';
import { ImapSession, withSessionPair } from '@btsx/imap';
import {
  BusClient,
  ConnectionLeases,
  isPermanent,
  JetStreamContext,
  JobCancellations,
  LeasedLogins,
} from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { DiscoveryConfig } from './discovery-config';

/** The job and the two accounts a message asks discovery to work on. */
export type JobAccounts = Pick<
  JobRequested,
  'jobId' | 'sourceCredentialId' | 'destinationCredentialId'
>;

/**
 * Opens one session on each account, runs `work` on them and closes them. `leaseWait`
 * gives up waiting for the accounts' connection leases (a pair that is no longer needed).
 */
export type OpenSessions = <T>(
  work: (source: ImapSession, destination: ImapSession) => Promise<T>,
  leaseWait?: AbortSignal,
) => Promise<T>;

export interface JobWork {
  /** Deliveries of the message before a transient failure is reported instead of retried. */
  attempts: number;
  /** Tells JetStream (and the connection leases) this often that the work goes on. */
  heartbeatMs?: number;
  run(sessions: OpenSessions, signal: AbortSignal): Promise<void>;
  /** Reports a permanent failure, or the last delivery's. */
  fail(reason: string): Promise<void>;
}

/**
 * Runs one message's work on a job's two accounts: not at all once the job is cancelled,
 * within the accounts' connection leases, and silently when the job is cancelled midway.
 */
@Injectable()
export class JobSessions {
  constructor(
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly leases: ConnectionLeases,
    private readonly config: DiscoveryConfig,
  ) {}

  async run(job: JobAccounts, ctx: JetStreamContext, work: JobWork): Promise<void> {
    if (await this.cancellations.isCancelled(job.jobId)) return;
    const { signal, end } = this.cancellations.begin(job.jobId);
    const logins = new LeasedLogins(
      this.bus,
      this.leases,
      this.config.IMAP_MAX_CONNECTIONS_PER_ACCOUNT,
      signal,
    );
    const heartbeat =
      work.heartbeatMs === undefined
        ? undefined
        : setInterval(() => ctx.working(), work.heartbeatMs);
    try {
      await work.run(
        (use, leaseWait) => withSessionPair(this.sessions(job, logins, leaseWait), use),
        signal,
      );
    } catch (error) {
      if (signal.aborted) return;
      if (!isPermanent(error) && ctx.deliveryCount < work.attempts) throw error;
      await work.fail(error instanceof Error ? error.message : String(error));
    } finally {
      clearInterval(heartbeat);
      end();
      await logins.release();
    }
  }

  private sessions(job: JobAccounts, logins: LeasedLogins, leaseWait?: AbortSignal) {
    return {
      resolveLogin: logins.resolver({ source: 1, destination: 1 }, leaseWait),
      sourceCredentialId: job.sourceCredentialId,
      destinationCredentialId: job.destinationCredentialId,
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
    };
  }
}
