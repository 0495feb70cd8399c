// Messages real mailboxes hold and careless software chokes on: bare LF line ends, NUL bytes,
// raw 8-bit headers, broken MIME, a 1 MB header block, a 60 MB message and an empty message,
// followed in the same folder by ordinary mail. Each is copied byte for byte or reported failed
// with the destination server's reason; none stops the folder.
import { resolve } from 'node:path';
import {
  BtsxApiClient,
  checkDestination,
  DovecotUser,
  generateCorpus,
  hostileCorpus,
  jobProblems,
  MigrationTestbed,
  readMailbox,
  recordOutcome,
  seedHostileMessages,
  seedMailbox,
} from '@btsx/testing';

const OUTPUT = resolve('test-output/e2e/faults-hostile-messages');
const SOURCE_USER: DovecotUser = { username: 'hostile@source.test', password: 'src-Hostile-4711' };
const DESTINATION_USER: DovecotUser = { username: 'hostile@dest.test', password: 'dst-Hostile-pw' };
const ORDINARY_MESSAGES = 30;
const JOB_TIMEOUT_MS = 300_000;

describe('hostile messages', () => {
  let testbed: MigrationTestbed;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE_USER] },
      destination: { users: [DESTINATION_USER] },
    });
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('copies each byte for byte or reports the server’s reason, and the folder goes on', async () => {
    const dropped = await seedHostileMessages(testbed.source, SOURCE_USER, hostileCorpus());
    // Dovecot takes every one by APPEND but the empty message, which lands in the maildir.
    expect(dropped).toEqual(['empty']);
    const ordinary = generateCorpus({ messages: ORDINARY_MESSAGES, folders: 0, seed: 666 });
    await seedMailbox(testbed.source, SOURCE_USER, ordinary);
    const source = await readMailbox(testbed.source, SOURCE_USER);

    const api = new BtsxApiClient(testbed.url);
    const job = await api.startJob(
      { server: testbed.source, user: SOURCE_USER },
      { server: testbed.destination, user: DESTINATION_USER },
      { progressUpdates: true },
    );
    const ended = await api.waitForEnd(job.id, JOB_TIMEOUT_MS);

    // The destination refuses the empty message as the source would have: reported, not copied.
    expect(ended.failures).toEqual([
      expect.objectContaining({
        folder: 'INBOX',
        size: 0,
        reason: expect.stringMatching(/zero byte/i),
      }),
    ]);
    const expected = source.map((folder) => ({
      ...folder,
      messages: folder.messages.filter((m) => m.size > 0),
    }));
    const outcome = await checkDestination(
      'hostile messages (bare LF, NUL, 8-bit, broken MIME, 1 MB header, 60 MB, empty)',
      expected,
      testbed.destination,
      DESTINATION_USER,
    );
    outcome.messagesChecked += 1;
    const problems = jobProblems(outcome, ended, { status: 'completed_with_errors', failures: 1 });
    recordOutcome(outcome, problems.length === 0);
    expect(problems).toEqual([]);
  });
});
