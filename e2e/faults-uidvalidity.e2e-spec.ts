// The source folder is deleted and recreated with the same messages in the middle of a job, so
// its UIDVALIDITY changes under a saved checkpoint: the resumed task must notice, match every
// message by identity, and neither lose nor duplicate one.
import type { ImapFlow } from 'imapflow';
import { resolve } from 'node:path';
import {
  countAccountMessages,
  DovecotUser,
  FaultTestbed,
  FixtureFolder,
  generateCorpus,
  readMailbox,
  seedMailbox,
  withImapSession,
} from '@btsx/testing';

const SOURCE_USER: DovecotUser = { username: 'uidv@source.test', password: 'src-Uidv-4711' };
const FOLDER = 'Archive';
const MESSAGES = 800;
const CHANGE_AFTER_MESSAGES = 150;
const TASK_ACK_WAIT_MS = 3_000;
const JOB_TIMEOUT_MS = 300_000;

describe('UIDVALIDITY of a source folder changes mid-job', () => {
  let bed: FaultTestbed;
  let folder: FixtureFolder;

  beforeAll(async () => {
    const corpus = generateCorpus({ messages: MESSAGES, folders: 0, seed: 3131 });
    folder = { path: FOLDER, messages: corpus.flatMap((f) => f.messages) };
    bed = await FaultTestbed.start({
      outputDir: resolve('test-output/e2e/faults-uidvalidity'),
      sourceUser: SOURCE_USER,
      sourceFolders: [folder],
      serviceEnv: { copier: { COPIER_TASK_ACK_WAIT_MS: String(TASK_ACK_WAIT_MS) } },
    });
  });

  afterAll(async () => {
    await bed?.stop();
  });

  const onSource = <T>(work: (client: ImapFlow) => Promise<T>) =>
    withImapSession(bed.testbed.source, SOURCE_USER, work);
  const uidValidity = () =>
    onSource(async (client) => {
      const status = await client.status(FOLDER, { uidValidity: true });
      return status ? String(status.uidValidity) : undefined;
    });

  it('matches by identity after the change: nothing lost, nothing doubled', async () => {
    const to = await bed.newDestinationUser('uidvalidity');
    const job = await bed.startJob(to);
    await bed.untilArrived(to, CHANGE_AFTER_MESSAGES, JOB_TIMEOUT_MS);
    // The copier dies with a checkpoint saved; the folder is reborn before a new one resumes.
    await bed.testbed.system.killService('copier');
    expect(await countAccountMessages(bed.testbed.destination, to)).toBeLessThan(MESSAGES);
    const before = await uidValidity();
    await onSource((client) => client.mailboxDelete(FOLDER));
    await seedMailbox(bed.testbed.source, SOURCE_USER, [folder]);
    expect(await uidValidity()).not.toBe(before);
    await bed.testbed.system.startService('copier');

    const expected = await readMailbox(bed.testbed.source, SOURCE_USER);
    const end = { expected, faultsApplied: 1, timeoutMs: JOB_TIMEOUT_MS };
    const verdict = await bed.verdict('UIDVALIDITY change mid-job', job, to, end);
    expect(verdict.problems).toEqual([]);
  });
});
