// The per-account connection cap holds across copier replicas: two copiers with four task
// slots each never open more IMAP sessions to one account than the configured cap, as the
// Dovecot servers themselves count them (doveadm who), and the copy is still complete.
import {
  BtsxApiClient,
  compareMailboxes,
  DovecotUser,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/connection-cap');
const CAP = 4;
const SOURCE: DovecotUser = { username: 'cap@source.test', password: 'src-Cap-Secret' };
const TARGET: DovecotUser = { username: 'cap@dest.test', password: 'dst-Cap-Secret' };
const SAMPLE_MS = 25;
const JOB_TIMEOUT_MS = 180_000;

describe('connections per account across copier replicas', () => {
  let testbed: MigrationTestbed;

  beforeAll(async () => {
    const capped = { IMAP_MAX_CONNECTIONS_PER_ACCOUNT: String(CAP) };
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE], separator: '/' },
      destination: { users: [TARGET], separator: '.' },
      replicas: { copier: 2 },
      serviceEnv: { copier: { ...capped, COPIER_CONCURRENCY: '4' }, discovery: capped },
    });
    await seedMailbox(
      testbed.source,
      SOURCE,
      generateCorpus({ messages: 500, folders: 10, seed: 5 }),
    );
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it(`never holds more than ${CAP} sessions to an account, and copies everything`, async () => {
    const api = new BtsxApiClient(testbed.url);
    const job = await api.startJob(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: TARGET },
      { progressUpdates: true },
    );
    const most = { source: 0, destination: 0 };
    let running = true;
    const sampling = (async () => {
      while (running) {
        const [source, destination] = await Promise.all([
          testbed.source.sessionsOf(SOURCE.username),
          testbed.destination.sessionsOf(TARGET.username),
        ]);
        most.source = Math.max(most.source, source);
        most.destination = Math.max(most.destination, destination);
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();
    const ended = await api.waitForEnd(job.id, JOB_TIMEOUT_MS).finally(() => (running = false));
    await sampling;

    expect(ended.status).toBe('completed');
    expect(most.source).toBeLessThanOrEqual(CAP);
    expect(most.destination).toBeLessThanOrEqual(CAP);
    // The cap was the limit, not idleness: the copiers did work side by side.
    expect(most.destination).toBeGreaterThanOrEqual(2);
    const [from, to] = await Promise.all([
      readMailbox(testbed.source, SOURCE),
      readMailbox(testbed.destination, TARGET),
    ]);
    expect(compareMailboxes(from, to)).toEqual([]);
  });
});
