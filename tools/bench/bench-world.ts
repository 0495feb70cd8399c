import { isTerminal, type JobOptions, type JobView } from '@btsx/contracts';
import {
  BtsxApiClient,
  compareMailboxes,
  type DelayProxy,
  type DovecotUser,
  type FixtureFolder,
  type ImapTestServer,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  storedBy,
  writeMaildirFolder,
  startDelayProxy,
  type TestbedOptions,
} from '@btsx/testing';
import { resolve } from 'node:path';
import {
  DESTINATION_HABITS,
  type DestinationKind,
  startOtherDestination,
} from './destination-server';
import { machineCpu, processStats, type ProcessStats } from './process-stats';

/** Generous for the biggest bench run; the bench never waits on a stuck job forever. */
const JOB_TIMEOUT_MS = 60 * 60_000;
/** How often a running job is read: its times come from the job itself, not from this. */
const RESULT_POLL_MS = 500;
/** doveadm is a process per sample: often enough to catch the peak, rarely enough to cost nothing. */
const SESSION_SAMPLE_MS = 1_000;
/** Seeding is set-up, not measured: as many connections as the ceiling uses. */
export const PLAIN_LOOP_CONNECTIONS = 4;

export interface BenchPair {
  source: DovecotUser;
  destination: DovecotUser;
}

export interface WorldOptions {
  pairs: number;
  copiers: number;
  /** Added each way in front of both servers (a delay proxy); 0 for loopback. */
  delayMs: number;
  serviceEnv?: TestbedOptions['serviceEnv'];
  /** How the destination server stores mail: mdbox for folders of 100,000s (DovecotOptions). */
  destinationFormat?: 'maildir' | 'mdbox';
  /** The destination server (default Dovecot); the source is always Dovecot. */
  destination?: DestinationKind;
  /** The services on a three-node JetStream cluster (TestSystemOptions). */
  natsCluster?: boolean;
}

export interface MigrationRun extends ProcessStats {
  seconds: number;
  /** How busy the machine's cores were during the run (servers, proxies and BTSX together). */
  machineCpuBusyPercent: number;
  jobs: JobView[];
  connections: { source: number; destination: number };
}

/**
 * A source Dovecot and a destination server with `pairs` accounts each, every BTSX service,
 * and delay proxies if asked.
 */
export class BenchWorld {
  readonly api: BtsxApiClient;

  private constructor(
    readonly testbed: MigrationTestbed,
    /** The testbed's Dovecot, or the Courier or Cyrus asked for instead. */
    readonly destination: ImapTestServer,
    private readonly other: ImapTestServer | null,
    readonly pairs: BenchPair[],
    private readonly proxies: (DelayProxy | null)[],
    readonly options: WorldOptions,
  ) {
    this.api = new BtsxApiClient(testbed.url);
  }

  static async start(options: WorldOptions): Promise<BenchWorld> {
    const pairs = Array.from({ length: options.pairs }, (_, n) => ({
      source: { username: `bench${n}@source.test`, password: `bench-source-${n}` },
      destination: { username: `bench${n}@dest.test`, password: `bench-dest-${n}` },
    }));
    const destinationUsers = pairs.map((p) => p.destination);
    const other = await startOtherDestination(options.destination ?? 'dovecot', destinationUsers);
    const testbed = await MigrationTestbed.start({
      outputDir: resolve('test-output/bench'),
      source: { users: pairs.map((p) => p.source), separator: '/' },
      destination: {
        users: other ? [] : destinationUsers,
        separator: '.',
        mailFormat: options.destinationFormat,
      },
      replicas: { copier: options.copiers },
      serviceEnv: options.serviceEnv,
      natsCluster: options.natsCluster,
    }).catch(async (error: unknown) => {
      await other?.stop();
      throw error;
    });
    const destination = other ?? testbed.destination;
    const proxies = await Promise.all(
      [testbed.source, destination].map((server) =>
        options.delayMs > 0 ? startDelayProxy({ target: server, delayMs: options.delayMs }) : null,
      ),
    );
    return new BenchWorld(testbed, destination, other, pairs, proxies, options);
  }

  seed(pair: BenchPair, corpus: FixtureFolder[]): Promise<void> {
    return seedMailbox(this.testbed.source, pair.source, corpus, {
      connections: PLAIN_LOOP_CONNECTIONS,
    });
  }

  /**
   * Delivers messages straight into a source folder (no APPEND), INBOX unless `segments` name
   * another: for folders of 100,000s.
   */
  async deliver(
    pair: BenchPair,
    messages: Iterable<Buffer>,
    segments: string[] = [],
  ): Promise<{ messages: number; bytes: number }> {
    // The maildir exists once the account has logged in.
    await readMailbox(this.testbed.source, pair.source);
    let bytes = 0;
    const counted = function* () {
      for (const raw of messages) {
        bytes += raw.length;
        yield raw;
      }
    };
    const written = await writeMaildirFolder(
      this.testbed.source,
      pair.source.username,
      segments,
      counted(),
    );
    return { messages: written, bytes };
  }

  /** Verify (deep) of a finished job, with fresh logins as a user would: its audit's seconds. */
  async verifyDeep(pair: BenchPair, job: JobView): Promise<{ seconds: number; job: JobView }> {
    const asked = await this.api.verifyJob(
      job.id,
      { server: this.reached(0), user: pair.source },
      { server: this.reached(1), user: pair.destination },
      { deep: true },
    );
    const done = await this.api.waitForAudit(job.id, asked.audit!.id, JOB_TIMEOUT_MS);
    const audit = done.audit!;
    const seconds = (Date.parse(audit.finishedAt!) - Date.parse(audit.requestedAt)) / 1000;
    return { seconds, job: done };
  }

  /**
   * Runs one job per pair at once through the API (accounts verified, as a user would).
   * `seconds` runs from the first job's creation to the last job's end, by the
   * orchestrator's clock: the jobs are polled rarely, so the polling does not load the
   * system it measures.
   */
  async migrate(pairs: BenchPair[], options: Partial<JobOptions> = {}): Promise<MigrationRun> {
    const sampler = this.sampleSessions(pairs[0]);
    const cpuBusy = await machineCpu();
    const harnessCpu = process.cpuUsage();
    const jobs = await Promise.all(
      pairs.map(async (pair) => {
        const { id } = await this.api.startJob(
          { server: this.reached(0), user: pair.source },
          { server: this.reached(1), user: pair.destination },
          { progressUpdates: true, ...options },
        );
        const ended = (job: JobView) => isTerminal(job.status);
        return this.api.waitFor(id, ended, { timeoutMs: JOB_TIMEOUT_MS, pollMs: RESULT_POLL_MS });
      }),
    );
    const machineCpuBusyPercent = await cpuBusy();
    const connections = await sampler.stop();
    const stats = processStats(this.testbed.system);
    // This process runs the delay proxies: their CPU is the harness's, not BTSX's.
    const { user, system } = process.cpuUsage(harnessCpu);
    stats.cpuSeconds.bench = Math.round((user + system) / 1e6);
    return { seconds: span(jobs), jobs, connections, machineCpuBusyPercent, ...stats };
  }

  /**
   * A delta pass of the pair's finished job, with fresh logins as a user would: only what
   * changed at the source since. `seconds` by the orchestrator's clock, as migrate's.
   */
  async deltaPass(pair: BenchPair, job: JobView): Promise<MigrationRun> {
    const cpuBusy = await machineCpu();
    const id = await this.api.restartJob(
      job.id,
      { server: this.reached(0), user: pair.source },
      { server: this.reached(1), user: pair.destination },
      { delta: true },
    );
    const ended = (done: JobView) => isTerminal(done.status);
    const done = await this.api.waitFor(id, ended, {
      timeoutMs: JOB_TIMEOUT_MS,
      pollMs: RESULT_POLL_MS,
    });
    return {
      seconds: span([done]),
      jobs: [done],
      connections: { source: 0, destination: 0 },
      machineCpuBusyPercent: await cpuBusy(),
      ...processStats(this.testbed.system),
    };
  }

  /** Every difference between each pair's source and destination mailbox, and failed jobs. */
  async differences(pairs: BenchPair[], jobs: JobView[]): Promise<string[]> {
    const found = jobs
      .filter((job) => job.status !== 'completed')
      .map((job) => `job ${job.id} ended ${job.status}: ${job.error ?? ''}`);
    const habits = DESTINATION_HABITS[this.options.destination ?? 'dovecot'];
    for (const pair of pairs) {
      const source = await readMailbox(this.testbed.source, pair.source, { keepSource: true });
      const expected = source.map((folder) => ({
        ...folder,
        // A refusal fails its job, which is reported above.
        messages: folder.messages.flatMap((message) => {
          const stored = storedBy(message, habits);
          return 'refused' in stored ? [] : [stored];
        }),
      }));
      const differences = compareMailboxes(
        expected,
        await readMailbox(this.destination, pair.destination),
      );
      found.push(...differences.map((d) => `${pair.source.username}: ${d}`));
    }
    return found;
  }

  stop(): Promise<void> {
    return Promise.all(this.proxies.map((p) => p?.stop()))
      .then(() => Promise.all([this.testbed.stop(), this.other?.stop()]))
      .then(() => undefined);
  }

  /** The server as BTSX reaches it: through its delay proxy when there is one. */
  reached(index: 0 | 1): ImapTestServer {
    const server = index === 0 ? this.testbed.source : this.destination;
    const proxy = this.proxies[index];
    return proxy ? { ...server, host: proxy.host, port: proxy.port } : server;
  }

  /** The most sessions one pair's accounts had open at once while a run went on. */
  private sampleSessions(pair: BenchPair) {
    const peak = { source: 0, destination: 0 };
    const sample = async () => {
      const [source, destination] = await Promise.all([
        this.testbed.source.sessionsOf(pair.source.username),
        this.destination.sessionsOf(pair.destination.username),
      ]);
      peak.source = Math.max(peak.source, source);
      peak.destination = Math.max(peak.destination, destination);
    };
    let sampling = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(sample).catch(() => undefined);
    }, SESSION_SAMPLE_MS);
    return {
      stop: async () => {
        clearInterval(timer);
        await sampling;
        return peak;
      },
    };
  }
}

/** Seconds from the first job's creation to the last job's end. */
function span(jobs: JobView[]): number {
  const created = Math.min(...jobs.map((job) => Date.parse(job.createdAt)));
  const ended = Math.max(...jobs.map((job) => Date.parse(job.finishedAt ?? job.createdAt)));
  return (ended - created) / 1000;
}

export function corpusSize(corpus: FixtureFolder[]): { messages: number; bytes: number } {
  const messages = corpus.flatMap((folder) => folder.messages);
  return { messages: messages.length, bytes: messages.reduce((n, m) => n + m.raw.length, 0) };
}
