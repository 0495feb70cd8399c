// A rolling update or a scale-down end to end: the copier gets SIGTERM in the middle of a
// folder, finishes and checkpoints the batch in hand, hands its tasks back to the queue at once
// and exits; another copier takes them over. The destination must end identical to the
// source, nothing lost and nothing duplicated. Every service as its own process, two real
// Dovecot servers, the job through the public API, both mailboxes read back message by message.
import {
  BtsxApiClient,
  compareMailboxes,
  countAccountMessages,
  DovecotUser,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  snapshotMessageCount,
  untilMessagesAt,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/graceful-shutdown');
const SOURCE_USER: DovecotUser = { username: 'alice@source.test', password: 'src-Grace-4711' };
const DEST_USER: DovecotUser = { username: 'alice@dest.test', password: 'dst-Grace-4711' };
/** Several batches per folder, so the stop lands between two of them. */
const MESSAGES = 2_000;
/** Enough arrived that the stop interrupts copying, not the start of it. */
const STOP_AFTER_MESSAGES = 100;
const JOB_TIMEOUT_MS = 240_000;
/**
 * Far beyond JOB_TIMEOUT_MS: a task the stopped copier abandoned instead of handing back would
 * stay locked this long, and the job could not finish in time.
 */
const TASK_ACK_WAIT_MS = 3_600_000;

/** A metric's value in Prometheus' text format, from the first series with these labels. */
function sample(metrics: string, name: string, labels = ''): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return Number(line?.split(' ').pop());
}

describe('a copier stopped with SIGTERM mid-folder', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE_USER], separator: '/' },
      destination: { users: [DEST_USER], separator: '.' },
      serviceEnv: { copier: { COPIER_TASK_ACK_WAIT_MS: String(TASK_ACK_WAIT_MS) } },
    });
    api = new BtsxApiClient(testbed.url);
    await seedMailbox(
      testbed.source,
      SOURCE_USER,
      generateCorpus({ messages: MESSAGES, folders: 3, seed: 83 }),
    );
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('hands its tasks back and another copier finishes the job: no loss, no duplicate', async () => {
    const source = await readMailbox(testbed.source, SOURCE_USER);
    const job = await api.startJob(
      { server: testbed.source, user: SOURCE_USER },
      { server: testbed.destination, user: DEST_USER },
      { progressUpdates: true },
    );
    await untilMessagesAt(testbed.destination, DEST_USER, STOP_AFTER_MESSAGES, JOB_TIMEOUT_MS);

    // Resolves once the process has exited, after its graceful shutdown.
    await testbed.system.killService('copier', 'SIGTERM');
    expect(await countAccountMessages(testbed.destination, DEST_USER)).toBeLessThan(MESSAGES);
    expect((await api.getJob(job.id)).status).toBe('running');
    expect(await testbed.system.logs()).toContain('handed back on shutdown');

    await testbed.system.startService('copier');
    const ended = await api.waitForEnd(job.id, JOB_TIMEOUT_MS);
    const destination = await readMailbox(testbed.destination, DEST_USER);
    // compareMailboxes names a duplicate as "extra message ... (a duplicate)".
    expect(compareMailboxes(source, destination)).toEqual([]);
    expect(snapshotMessageCount(destination)).toBe(MESSAGES);
    expect(ended.status).toBe('completed');
    expect(ended.counters.failed).toBe(0);
    // The stop came at a checkpoint: the next copier found no message of a half-done batch
    // already at the destination (a crash would leave some, found by identity and skipped).
    expect(ended.counters.copied).toBe(MESSAGES);
    expect(ended.counters.skipped).toBe(0);
  });

  it("shows the copy in the new copier's metrics, with its connections given back", async () => {
    const { port } = testbed.system.live('copier').options;
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(sample(metrics, 'btsx_messages_total', 'result="copied"')).toBeGreaterThan(0);
    expect(
      sample(metrics, 'btsx_task_duration_seconds_count', 'outcome="finished"'),
    ).toBeGreaterThan(0);
    expect(sample(metrics, 'btsx_imap_connections')).toBe(0);
  });

  it('never writes a password into any service log', async () => {
    const logs = await testbed.system.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(SOURCE_USER.password);
    expect(logs).not.toContain(DEST_USER.password);
  });
});
