// The distributed engine losing machines mid-migration: BTSX on a three-node JetStream cluster
// (every stream and bucket on three nodes), gateway, auth, orchestrator and discovery in two
// replicas each behind a balancer, several copiers, several mailbox pairs at once. While they
// copy, the NATS node that leads the task stream is killed (kill -9) and started again; then
// one replica of each service is killed. Every job must complete, each destination equal to
// its source message by message, no account over its connection cap (as Dovecot counts
// sessions), and each fault's hold-up (how long a copying job went without progress) is
// reported. npm test runs a short version; npm run test:chaos the full one.
import { resolve } from 'node:path';
import { isTerminal, JobView, streamOf, SUBJECTS } from '@btsx/contracts';
import type { ServiceName } from '@btsx/runner';
import {
  asNatsCluster,
  BtsxApiClient,
  chaosRun,
  checkDestination,
  DovecotServer,
  generateCorpus,
  jobProblems,
  MailboxSnapshot,
  MigrationTestbed,
  readMailbox,
  recordOutcome,
  seedMailbox,
  UNLIMITED_JOB_STARTS,
  UNLIMITED_SIGN_INS,
} from '@btsx/testing';

const OUTPUT = resolve('test-output/e2e/faults-cluster');
const FULL = chaosRun();
const SCALE = FULL
  ? { pairs: 8, messages: 500, replicas: 2, copiers: 3 }
  : { pairs: 3, messages: 600, replicas: 2, copiers: 2 };
/** IMAP_MAX_CONNECTIONS_PER_ACCOUNT's default: what no account may exceed. */
const CONNECTION_CAP = 8;
/** A killed copier's task goes to another after this long without a heartbeat. */
const TASK_ACK_WAIT_MS = 3_000;
/** How long the killed NATS node stays down: the other two elect a new leader meanwhile. */
const NODE_DOWN_MS = 5_000;
const POLL_MS = 100;
const JOB_TIMEOUT_MS = 300_000;
const TASK_STREAM = streamOf(SUBJECTS.copyTask).name;
const REPLICATED: readonly ServiceName[] = ['gateway', 'auth', 'orchestrator', 'discovery'];

const pairs = Array.from({ length: SCALE.pairs }, (_, n) => ({
  from: { username: `cluster${n}@source.test`, password: `src-Cluster-${n}` },
  to: { username: `cluster${n}@dest.test`, password: `dst-Cluster-${n}` },
}));

/** One poll of a job: when, and how far its copy was. */
interface Sample {
  at: number;
  copied: number;
  status: JobView['status'];
}

describe('a NATS cluster and replicated services losing machines mid-migration', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let sessions: ReturnType<typeof watchSessions> | undefined;
  const sources: MailboxSnapshot[] = [];

  beforeAll(async () => {
    const replicas = Object.fromEntries(REPLICATED.map((name) => [name, SCALE.replicas]));
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      natsCluster: true,
      replicas: { ...replicas, copier: SCALE.copiers },
      source: { users: pairs.map((p) => p.from) },
      destination: { users: pairs.map((p) => p.to) },
      serviceEnv: {
        auth: UNLIMITED_SIGN_INS,
        orchestrator: UNLIMITED_JOB_STARTS,
        copier: { COPIER_TASK_ACK_WAIT_MS: String(TASK_ACK_WAIT_MS) },
      },
    });
    api = new BtsxApiClient(testbed.url);
    for (const [n, { from }] of pairs.entries()) {
      const corpus = generateCorpus({ messages: SCALE.messages, folders: 4, seed: 4100 + n });
      await seedMailbox(testbed.source, from, corpus);
      sources.push(await readMailbox(testbed.source, from));
    }
  });

  afterAll(async () => {
    await sessions?.stop();
    await testbed?.stop();
  });

  it('completes every job with nothing lost or doubled, within the connection caps', async () => {
    sessions = watchSessions([testbed.source, testbed.destination]);
    const jobs = await Promise.all(
      pairs.map(({ from, to }) =>
        api.startJob(
          { server: testbed.source, user: from },
          { server: testbed.destination, user: to },
          { progressUpdates: true },
        ),
      ),
    );
    const samples = new Map<string, Sample[]>(jobs.map((job) => [job.id, []]));
    const ends = jobs.map((job) =>
      api.waitFor(
        job.id,
        (view) => {
          samples.get(job.id)?.push({ at: Date.now(), ...pick(view) });
          return isTerminal(view.status);
        },
        { timeoutMs: JOB_TIMEOUT_MS, pollMs: POLL_MS, what: 'the end' },
      ),
    );
    const total = SCALE.pairs * SCALE.messages;
    const copiedOfAll = () =>
      [...samples.values()].reduce((sum, s) => sum + (s.at(-1)?.copied ?? 0), 0);
    const untilCopied = (share: number) => until(() => copiedOfAll() >= share * total);

    const nats = asNatsCluster(testbed.nats);
    // Early, and the second fault right after the first: both land while the jobs copy. The
    // leader is found first: a short run copies the rest while the cluster is asked.
    const leader = await nats.leaderOf(TASK_STREAM);
    await untilCopied(0.1);
    const nodeLost = Date.now();
    await leader.kill();
    await new Promise((r) => setTimeout(r, NODE_DOWN_MS));
    await leader.restart();

    const replicasLost = Date.now();
    await Promise.all(
      [...REPLICATED, 'copier' as const].map((name) => testbed.system.killService(name)),
    );

    const ended = await Promise.all(ends);
    const mostSessions = await sessions.stop();

    const problems: string[] = [];
    const checked = { messagesChecked: 0, lost: 0, duplicated: 0, differences: [] };
    for (const [n, { to }] of pairs.entries()) {
      const found = await checkDestination('cluster', sources[n], testbed.destination, to);
      checked.messagesChecked += found.messagesChecked;
      checked.lost += found.lost;
      checked.duplicated += found.duplicated;
      problems.push(...jobProblems(found, ended[n]).map((p) => `pair ${n}: ${p}`));
    }
    const faults = [
      { fault: 'cluster: kill -9 the NATS node leading the task stream, restart', at: nodeLost },
      { fault: 'cluster: kill -9 one replica of every service', at: replicasLost },
    ];
    for (const [n, { fault, at }] of faults.entries()) {
      const heldUp = jobs.flatMap((job) => holdUp(samples.get(job.id) ?? [], at) ?? []);
      console.log(`${fault}: copying jobs held up ${heldUp.map((s) => s.toFixed(1))} s`);
      // The node is lost while jobs copy. The short run copies so fast that the replicas
      // may be lost after the copy, while the jobs verify.
      if (n === 0 || FULL) expect(heldUp.length).toBeGreaterThan(0);
      const longest = heldUp.length > 0 ? Math.max(...heldUp) : undefined;
      recordOutcome({ ...checked, fault, heldUpSeconds: longest }, problems.length === 0);
    }
    expect(problems).toEqual([]);
    console.log(`most sessions of one account: ${mostSessions.sessions} (${mostSessions.by})`);
    expect(mostSessions.sessions).toBeLessThanOrEqual(CONNECTION_CAP);
  });
});

function pick(view: JobView): Omit<Sample, 'at'> {
  return { copied: view.counters.copied, status: view.status };
}

/**
 * How long the job went without copying more after a fault at `at`, in seconds (until it
 * copied more or its copy ended); none when it was not copying then.
 */
function holdUp(samples: Sample[], at: number): number | undefined {
  const before = samples.filter((s) => s.at <= at).at(-1);
  if (before?.status !== 'running') return undefined;
  const moved = (s: Sample) => s.copied > before.copied || s.status !== 'running';
  const after = samples.find((s) => s.at > at && moved(s));
  return after && (after.at - at) / 1000;
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Jobs did not get that far');
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Samples every account's sessions on the servers until stopped: the most any one held. */
function watchSessions(servers: DovecotServer[]): {
  stop(): Promise<{ sessions: number; by: string }>;
} {
  const most = { sessions: 0, by: 'nobody' };
  let running = true;
  const sampling = (async () => {
    while (running) {
      const counts = await Promise.all(servers.map((server) => server.sessionCounts()));
      for (const [user, sessions] of counts.flatMap((c) => [...c.entries()])) {
        if (sessions > most.sessions) Object.assign(most, { sessions, by: user });
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      return most;
    },
  };
}
