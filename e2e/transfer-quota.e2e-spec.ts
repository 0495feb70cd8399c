// An account's transfer quota, reached in seconds: the destination server takes 1 MB per
// 3-second window (its quota shortened by the copier's settings), the mailbox is 2.6 MB. Every
// task that reaches the quota checkpoints, is handed back and goes on by itself when the
// window allows; the job says which limit it waits for and when it resumes, and the
// destination holds every message exactly once.
import { resolve } from 'node:path';
import { DovecotUser, FaultTestbed, generateCorpus } from '@btsx/testing';

const SOURCE_USER: DovecotUser = { username: 'quota@source.test', password: 'src-Quota-4711' };
/** 2.6 MB in 7 folders: more than two windows' worth. */
const MESSAGES = 60;
const QUOTA_MB = 1;
const WINDOW_MS = 3_000;
const JOB_TIMEOUT_MS = 60_000;

describe('a transfer quota reached mid-job', () => {
  let bed: FaultTestbed;

  beforeAll(async () => {
    bed = await FaultTestbed.start({
      outputDir: resolve('test-output/e2e/transfer-quota'),
      sourceUser: SOURCE_USER,
      sourceFolders: generateCorpus({ messages: MESSAGES, folders: 1, seed: 4242 }),
      serviceEnv: {
        copier: {
          COPIER_QUOTA_IMAP_UPLOAD_MB: String(QUOTA_MB),
          COPIER_QUOTA_WINDOW_MS: String(WINDOW_MS),
          // Every wait hands the task back: the path a wait of hours takes.
          COPIER_QUOTA_HOLD_MS: '0',
        },
      },
    });
  });

  afterAll(async () => {
    await bed?.stop();
  });

  it('pauses at the quota, says until when, and finishes by itself with nothing lost', async () => {
    const to = await bed.newDestinationUser('quota');
    const job = await bed.startJob(to);
    const end = { faultsApplied: 0, timeoutMs: JOB_TIMEOUT_MS };
    expect((await bed.verdict('transfer quota reached', job, to, end)).problems).toEqual([]);
    const lines = (await bed.api.statusLines(job.id)).map((line) => line.message);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /: the destination server's daily upload limit reached; resuming at \d\d:\d\d:\d\d UTC \(in \d+s\)$/,
      ),
    );
  });
});
