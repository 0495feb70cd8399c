import { CredentialOwner } from '@btsx/contracts';
import {
  FolderReader,
  ImapSession,
  PipelinedReader,
  ReadyWriter,
  withPlanningSessions,
  withReaderPair,
  withSessionPair,
} from '@btsx/imap';
import {
  BusClient,
  ConnectionLeases,
  JetStreamContext,
  JobWorkRunner,
  LeasedLogins,
} from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { DiscoveryConfig } from './discovery-config';

/** The job a message asks discovery to work on, and whose logins it signs in with. */
export interface JobAccounts {
  jobId: string;
  logins: CredentialOwner;
}

/**
 * Opens one session on each account (and, for planning, a FolderWriter on the destination),
 * runs `work` on them and closes them. `leaseWait` gives up waiting for the accounts'
 * connection leases (a pair that is no longer needed).
 */
export type OpenSessions = <T>(
  work: (source: ImapSession, destination: ImapSession, writer?: ReadyWriter) => Promise<T>,
  leaseWait?: AbortSignal,
) => Promise<T>;

/** OpenSessions with a pipelined reader on each account: for reading folders, several at once. */
export type OpenReaders = <T>(
  work: (source: PipelinedReader, destination: PipelinedReader) => Promise<T>,
  leaseWait?: AbortSignal,
) => Promise<T>;

/** Either of the two: a pair that reads folders. */
export type OpenPair = <T>(
  work: (source: FolderReader, destination: FolderReader) => Promise<T>,
  leaseWait?: AbortSignal,
) => Promise<T>;

/** What a message's work needs besides a session on each account. */
export interface SessionNeeds {
  /** Planning creates folders: a second destination connection does it all at once. */
  folderWriter?: boolean;
}

export interface SessionWork {
  run(sessions: OpenSessions, cancelled: AbortSignal, readers: OpenReaders): Promise<void>;
  /** Reports a permanent failure, or the last attempt's. */
  giveUp(reason: string): Promise<void>;
}

/**
 * Runs one message's work on a job's two accounts (as every work message runs: JobWorkRunner),
 * within the accounts' connection leases.
 */
@Injectable()
export class JobSessions {
  constructor(
    private readonly bus: BusClient,
    private readonly runner: JobWorkRunner,
    private readonly leases: ConnectionLeases,
    private readonly config: DiscoveryConfig,
  ) {}

  run(
    job: JobAccounts,
    ctx: JetStreamContext,
    work: SessionWork,
    needs: SessionNeeds = {},
  ): Promise<void> {
    return this.runner.run(ctx, {
      jobId: job.jobId,
      run: (cancelled) => this.withLogins(job, cancelled, work, needs),
      giveUp: (reason) => work.giveUp(reason),
    });
  }

  private async withLogins(
    job: JobAccounts,
    cancelled: AbortSignal,
    work: SessionWork,
    needs: SessionNeeds,
  ) {
    const caps = {
      perAccount: this.config.IMAP_MAX_CONNECTIONS_PER_ACCOUNT,
      perHost: this.config.IMAP_MAX_CONNECTIONS_PER_HOST,
    };
    const logins = new LeasedLogins(this.bus, this.leases, caps, cancelled);
    const open = needs.folderWriter ? withPlanningSessions : withSessionPair;
    const destination = needs.folderWriter ? 2 : 1;
    try {
      await work.run(
        (use, leaseWait) => open(this.sessions(job, logins, destination, leaseWait), use),
        cancelled,
        (use, leaseWait) => withReaderPair(this.sessions(job, logins, 1, leaseWait), use),
      );
    } finally {
      await logins.release();
    }
  }

  private sessions(
    job: JobAccounts,
    logins: LeasedLogins,
    destination: number,
    leaseWait?: AbortSignal,
  ) {
    return {
      resolveLogin: logins.resolver(job.logins, { source: 1, destination }, leaseWait),
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
      commandTimeoutMs: this.config.IMAP_COMMAND_TIMEOUT_MS,
    };
  }
}
