import { JobView } from '@btsx/contracts';
import type { DovecotServer, DovecotUser } from '../dovecot-server';
import type { FixtureFolder } from '../mailbox-fixture';
import { seedMailbox } from '../mailbox-seed';
import { readMailbox, type MailboxSnapshot } from '../mailbox-snapshot';
import { startFaultProxy, type FaultProxy } from '../net/fault-proxy';
import { BtsxApiClient, StartedJob } from './btsx-api-client';
import { checkDestination, jobProblems, recordOutcome } from './fault-outcome';
import { untilMessagesAt } from './mailbox-inspect';
import { MigrationTestbed, TestbedOptions } from './migration-testbed';

/**
 * Fault scenarios sign the same accounts in again for every run: the sign-in rate limit (a
 * defence against password guessing, tested in hostile-input) would stop them, not BTSX.
 */
export const UNLIMITED_SIGN_INS = {
  VERIFY_ATTEMPTS_PER_ACCOUNT: '1000000',
  VERIFY_ATTEMPTS_PER_CLIENT: '1000000',
};
/** ...and start (or verify) a job of the same account for every run (`test:chaos` runs many). */
export const UNLIMITED_JOB_STARTS = { JOBS_PER_ACCOUNT: '1000000', JOBS_PER_CLIENT: '1000000' };

export interface FaultTestbedOptions extends Omit<TestbedOptions, 'source' | 'destination'> {
  /** The one source account, and what it holds before the first job. */
  sourceUser: DovecotUser;
  sourceFolders: FixtureFolder[];
  destinationSeparator?: '/' | '.';
}

/** What a scenario expects of its job, when it is not "completed, identical, no failure". */
export interface ExpectedEnd {
  /** The source as it should arrive (default: all of it). */
  expected?: MailboxSnapshot;
  status?: JobView['status'];
  failures?: number;
  /** Faults the scenario applied itself (proxy faults are counted from the proxies' logs). */
  faultsApplied?: number;
  timeoutMs: number;
}

/**
 * A MigrationTestbed with one seeded source account whose workers reach both Dovecots through
 * a fault proxy: jobs are created with the proxies' addresses, so every IMAP connection of
 * every service goes through them.
 */
export class FaultTestbed {
  private users = 0;
  /** The source account as read back after seeding: what every destination must match. */
  source: MailboxSnapshot = [];

  private constructor(
    readonly testbed: MigrationTestbed,
    readonly sourceUser: DovecotUser,
    readonly sourceProxy: FaultProxy,
    readonly destinationProxy: FaultProxy,
    readonly api: BtsxApiClient,
  ) {}

  static async start(options: FaultTestbedOptions): Promise<FaultTestbed> {
    const { sourceUser, sourceFolders, destinationSeparator, ...rest } = options;
    const testbed = await MigrationTestbed.start({
      ...rest,
      serviceEnv: {
        ...rest.serviceEnv,
        auth: { ...UNLIMITED_SIGN_INS, ...rest.serviceEnv?.auth },
        orchestrator: { ...UNLIMITED_JOB_STARTS, ...rest.serviceEnv?.orchestrator },
      },
      source: { users: [sourceUser] },
      destination: { users: [], separator: destinationSeparator },
    });
    const [sourceProxy, destinationProxy] = await Promise.all([
      startFaultProxy({ target: testbed.source }),
      startFaultProxy({ target: testbed.destination }),
    ]);
    const api = new BtsxApiClient(testbed.url);
    const bed = new FaultTestbed(testbed, sourceUser, sourceProxy, destinationProxy, api);
    await seedMailbox(testbed.source, sourceUser, sourceFolders);
    bed.source = await readMailbox(testbed.source, sourceUser);
    return bed;
  }

  /** A new, empty destination account named after the scenario. */
  async newDestinationUser(name: string): Promise<DovecotUser> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const user = { username: `${slug}-${++this.users}@dest.test`, password: `dst-${slug}-pw` };
    await this.testbed.destination.addUser(user);
    return user;
  }

  /** A job from the source account to `to`, both through the proxies. */
  startJob(to: DovecotUser): Promise<StartedJob> {
    const through = (server: DovecotServer, proxy: FaultProxy) => ({ ...server, port: proxy.port });
    return this.api.startJob(
      { server: through(this.testbed.source, this.sourceProxy), user: this.sourceUser },
      { server: through(this.testbed.destination, this.destinationProxy), user: to },
      { progressUpdates: true },
    );
  }

  /** Waits until at least `count` messages are at `to`; how many there are by then. */
  untilArrived(to: DovecotUser, count: number, timeoutMs: number): Promise<number> {
    return untilMessagesAt(this.testbed.destination, to, count, timeoutMs);
  }

  /**
   * Waits for the job to end, compares `to` with the source and records the run for the
   * chaos table; the problems found (jobProblems), with the fault log when there are any.
   */
  async verdict(fault: string, job: StartedJob, to: DovecotUser, end: ExpectedEnd) {
    const faultsBefore = this.faultsApplied;
    const ended = await this.api.waitForEnd(job.id, end.timeoutMs);
    const expected = end.expected ?? this.source;
    const outcome = await checkDestination(fault, expected, this.testbed.destination, to);
    outcome.faultsApplied = end.faultsApplied ?? this.faultsApplied - faultsBefore;
    // Messages expected to fail were checked too: in the job's failure report.
    outcome.messagesChecked += end.failures ?? 0;
    const problems = jobProblems(outcome, ended, end);
    recordOutcome(outcome, problems.length === 0);
    return { ended, problems: problems.length > 0 ? [...problems, this.faultLog()] : [] };
  }

  /** Faults applied so far by both proxies. */
  get faultsApplied(): number {
    return this.sourceProxy.events.length + this.destinationProxy.events.length;
  }

  /** The proxies' fault logs: what to replay when a run fails. */
  faultLog(): string {
    const lines = [
      ...this.sourceProxy.events.map((e) => `source ${e}`),
      ...this.destinationProxy.events.map((e) => `destination ${e}`),
    ];
    return `faults: ${lines.join('; ') || 'none'}`;
  }

  /** Back to a clean pass-through on both sides. */
  clearFaults(): void {
    for (const proxy of [this.sourceProxy, this.destinationProxy]) {
      proxy.setFaults(undefined);
      proxy.setAnswer(undefined);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.sourceProxy.stop(), this.destinationProxy.stop()]);
    await this.testbed.stop();
  }
}
