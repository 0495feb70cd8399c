// Load (npm run test:chaos only): 50 mailbox pairs migrated at once by one system on one
// machine. Every job must complete with its destination identical to its source, and the peak
// resident memory of each service process is reported (VmHWM).
import { resolve } from 'node:path';
import { peakMemory } from '@btsx/runner';
import {
  BtsxApiClient,
  chaosRun,
  checkDestination,
  DovecotUser,
  generateCorpus,
  jobProblems,
  MailboxSnapshot,
  MigrationTestbed,
  readMailbox,
  recordMemory,
  recordOutcome,
  seedMailbox,
  UNLIMITED_SIGN_INS,
} from '@btsx/testing';

const OUTPUT = resolve('test-output/e2e/faults-load');
const PAIRS = 50;
const MESSAGES_PER_MAILBOX = 60;
const JOB_TIMEOUT_MS = 900_000;
/** A worker's memory must not grow with the number of jobs: far below what 50 mailboxes hold. */
const MAX_PEAK_RSS_BYTES = 1024 * 1024 * 1024;

const pair = (n: number): { from: DovecotUser; to: DovecotUser } => ({
  from: { username: `load${n}@source.test`, password: `src-Load-${n}` },
  to: { username: `load${n}@dest.test`, password: `dst-Load-${n}` },
});
const pairs = Array.from({ length: PAIRS }, (_, n) => pair(n));

(chaosRun() ? describe : describe.skip)(`${PAIRS} mailbox pairs at once`, () => {
  let testbed: MigrationTestbed;
  const sources: MailboxSnapshot[] = [];

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: pairs.map((p) => p.from) },
      destination: { users: pairs.map((p) => p.to) },
      serviceEnv: { auth: UNLIMITED_SIGN_INS },
    });
    for (const [n, { from }] of pairs.entries()) {
      const corpus = generateCorpus({ messages: MESSAGES_PER_MAILBOX, folders: 2, seed: 9000 + n });
      await seedMailbox(testbed.source, from, corpus);
      sources.push(await readMailbox(testbed.source, from));
    }
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('completes every job with nothing lost, memory bounded', async () => {
    const api = new BtsxApiClient(testbed.url);
    const jobs = await Promise.all(
      pairs.map(({ from, to }) =>
        api.startJob(
          { server: testbed.source, user: from },
          { server: testbed.destination, user: to },
          { progressUpdates: true },
        ),
      ),
    );
    const ended = await Promise.all(jobs.map((job) => api.waitForEnd(job.id, JOB_TIMEOUT_MS)));
    const peaks = peakMemory(testbed.system.processes);
    recordMemory(`${PAIRS} pairs at once`, peaks);

    const problems: string[] = [];
    const total = {
      fault: `load: ${PAIRS} mailbox pairs at once`,
      messagesChecked: 0,
      lost: 0,
      duplicated: 0,
      differences: [] as string[],
    };
    for (const [n, { to }] of pairs.entries()) {
      const outcome = await checkDestination(total.fault, sources[n], testbed.destination, to);
      total.messagesChecked += outcome.messagesChecked;
      total.lost += outcome.lost;
      total.duplicated += outcome.duplicated;
      problems.push(...jobProblems(outcome, ended[n]).map((p) => `pair ${n}: ${p}`));
    }
    recordOutcome(total, problems.length === 0);
    expect(problems).toEqual([]);
    expect(peaks.filter((p) => p.peakRssBytes > MAX_PEAK_RSS_BYTES)).toEqual([]);
  });
});
