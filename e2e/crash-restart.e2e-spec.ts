// Restart after a crash end to end: a service killed with SIGKILL in the middle of a job and
// started again; the job must still finish with the destination identical to the source,
// nothing lost and nothing duplicated. Every service as its own process, two real Dovecot
// servers, the job through the public API, both mailboxes read back message by message.
import { JobView } from '@btsx/contracts';
import {
  BtsxApiClient,
  compareMailboxes,
  countAccountMessages,
  DovecotUser,
  generateCorpus,
  MailboxSnapshot,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  snapshotMessageCount,
  StartedJob,
  untilMessagesAt,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/crash-restart');
const SOURCE_USER: DovecotUser = { username: 'alice@source.test', password: 'src-Crash-4711' };
/** A dead copier's task goes to another copier after this long without a heartbeat. */
const TASK_ACK_WAIT_MS = 3_000;
/** Long enough that a kill lands mid-folder while messages are still arriving. */
const MESSAGES = 2_000;
/** A crashed job also waits out JetStream's redelivery (30 s for job.requested). */
const JOB_TIMEOUT_MS = 240_000;
/** Enough arrived that the kill interrupts copying, not the start of it. */
const KILL_AFTER_MESSAGES = 100;

describe('a service killed mid-job and started again', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let source: MailboxSnapshot;
  let users = 0;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE_USER], separator: '/' },
      destination: { users: [], separator: '.' },
      serviceEnv: { copier: { COPIER_TASK_ACK_WAIT_MS: String(TASK_ACK_WAIT_MS) } },
    });
    api = new BtsxApiClient(testbed.url);
    await seedMailbox(
      testbed.source,
      SOURCE_USER,
      generateCorpus({ messages: MESSAGES, folders: 3, seed: 61 }),
    );
    source = await readMailbox(testbed.source, SOURCE_USER);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  async function startJob(name: string): Promise<{ job: StartedJob; to: DovecotUser }> {
    const to = { username: `${name}-${++users}@dest.test`, password: `dst-${name}-pw` };
    await testbed.destination.addUser(to);
    const job = await api.startJob(
      { server: testbed.source, user: SOURCE_USER },
      { server: testbed.destination, user: to },
      { progressUpdates: true },
    );
    return { job, to };
  }

  /** Waits until some but not all messages are at the destination; how many there are. */
  function partlyCopied(to: DovecotUser): Promise<number> {
    return untilMessagesAt(testbed.destination, to, KILL_AFTER_MESSAGES, JOB_TIMEOUT_MS);
  }

  /** The job completed and the destination is the source again: no loss, no duplicate. */
  async function expectCompleteAndIdentical(id: string, to: DovecotUser): Promise<JobView> {
    const ended = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    const destination = await readMailbox(testbed.destination, to);
    // compareMailboxes names a duplicate as "extra message ... (a duplicate)".
    expect(compareMailboxes(source, destination)).toEqual([]);
    expect(snapshotMessageCount(destination)).toBe(MESSAGES);
    expect(ended.status).toBe('completed');
    expect(ended.counters.total).toBe(MESSAGES);
    expect(ended.counters.failed).toBe(0);
    // A message appended just before the crash is found by identity afterwards: skipped.
    expect(ended.counters.copied + ended.counters.skipped).toBe(MESSAGES);
    return ended;
  }

  it('copier: kill -9 mid-folder, a new copier resumes from the checkpoints', async () => {
    const { job, to } = await startJob('copier');
    await partlyCopied(to);
    await testbed.system.killService('copier');
    // The kill really interrupted the job: not everything had arrived.
    expect(await countAccountMessages(testbed.destination, to)).toBeLessThan(MESSAGES);
    expect((await api.getJob(job.id)).status).toBe('running');

    await testbed.system.startService('copier');
    await expectCompleteAndIdentical(job.id, to);
  });

  it('discovery: kill -9 right after the job was created, a new one plans it', async () => {
    const { job, to } = await startJob('discovery');
    await testbed.system.killService('discovery');
    await testbed.system.startService('discovery');
    await expectCompleteAndIdentical(job.id, to);
  });

  it('orchestrator: kill -9 mid-job, the restarted one finishes the job from Postgres', async () => {
    const { job, to } = await startJob('orchestrator');
    await partlyCopied(to);
    await testbed.system.killService('orchestrator');
    expect(await countAccountMessages(testbed.destination, to)).toBeLessThan(MESSAGES);

    await testbed.system.startService('orchestrator');
    await expectCompleteAndIdentical(job.id, to);
  });

  it('never writes a password into any service log', async () => {
    const logs = await testbed.system.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(SOURCE_USER.password);
    expect(logs).not.toMatch(/dst-[a-z]+-pw/);
  });
});
