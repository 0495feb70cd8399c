// Refusals and throttling from the destination, injected by the fault proxy in the server's
// place: a message refused for quota or size is reported with the server's reason and the rest
// of the folder goes on; a throttling reply makes the task wait (capped) and go on, and the
// wait shows on the job's status lines.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import {
  DovecotUser,
  faultIterations,
  FaultTestbed,
  FixtureMessage,
  generateCorpus,
} from '@btsx/testing';

const SOURCE_USER: DovecotUser = { username: 'replies@source.test', password: 'src-Replies-4711' };
const MESSAGES = 120;
const JOB_TIMEOUT_MS = 240_000;
/** What the server suggests, and the copier's cap on it: the cap wins. */
const SUGGESTED_BACKOFF_MS = 30_000;
const MAX_THROTTLE_WAIT_MS = 4_000;
const THROTTLED_APPENDS = 2;
const OVERQUOTA = 'NO [OVERQUOTA] Quota exceeded (mailbox for user is full)';
const TOOBIG = 'NO [TOOBIG] Message too large for this mailbox';

const sha256 = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');
const messageId = (raw: Buffer) => /^Message-ID: (<[^>]+>)/im.exec(raw.toString('latin1'))?.[1];

describe('the destination refuses or throttles', () => {
  let bed: FaultTestbed;
  let refused: FixtureMessage[];

  beforeAll(async () => {
    const corpus = generateCorpus({ messages: MESSAGES, folders: 1, seed: 4242 });
    bed = await FaultTestbed.start({
      outputDir: resolve('test-output/e2e/faults-server-replies'),
      sourceUser: SOURCE_USER,
      sourceFolders: corpus,
      serviceEnv: { copier: { COPIER_MAX_THROTTLE_WAIT_MS: String(MAX_THROTTLE_WAIT_MS) } },
    });
    const identified = corpus.flatMap((f) => f.messages).filter((m) => messageId(m.raw));
    refused = [identified[3], identified[identified.length - 2]];
  });

  afterAll(async () => {
    await bed?.stop();
  });

  afterEach(() => bed.clearFaults());

  const runs = Array.from({ length: faultIterations(1) }, (_, i) => i + 1);

  it.each(runs)('reports OVERQUOTA and TOOBIG per message, the rest copied (run %i)', async () => {
    const answers = new Map([
      [messageId(refused[0].raw), OVERQUOTA],
      [messageId(refused[1].raw), TOOBIG],
    ]);
    const to = await bed.newDestinationUser('refused');
    const job = await bed.startJob(to);
    bed.destinationProxy.setAnswer((command) =>
      command.verb === 'APPEND' ? answers.get(messageId(command.bytes)) : undefined,
    );

    const refusedHashes = refused.map((m) => sha256(m.raw));
    const expected = bed.source.map((folder) => ({
      ...folder,
      messages: folder.messages.filter((m) => !refusedHashes.includes(m.sha256)),
    }));
    const { ended, problems } = await bed.verdict('OVERQUOTA / TOOBIG injected', job, to, {
      expected,
      status: 'completed_with_errors',
      failures: 2,
      faultsApplied: 2,
      timeoutMs: JOB_TIMEOUT_MS,
    });
    expect(problems).toEqual([]);
    expect(ended.failures.map((f) => f.reason).sort()).toEqual([
      expect.stringMatching(/over its quota.*Quota exceeded/),
      expect.stringMatching(/too big.*Message too large/),
    ]);
  });

  it.each(runs)('waits out a throttling reply (capped), says so, goes on (run %i)', async () => {
    const to = await bed.newDestinationUser('throttled');
    const job = await bed.startJob(to);
    let throttled = 0;
    bed.destinationProxy.setAnswer((command) =>
      command.verb === 'APPEND' && throttled++ < THROTTLED_APPENDS
        ? `NO Request is throttled. Suggested Backoff Time: ${SUGGESTED_BACKOFF_MS} ms`
        : undefined,
    );

    const end = { faultsApplied: THROTTLED_APPENDS, timeoutMs: JOB_TIMEOUT_MS };
    expect((await bed.verdict('throttled', job, to, end)).problems).toEqual([]);
    const lines = (await bed.api.statusLines(job.id)).map((line) => line.message);
    const seconds = MAX_THROTTLE_WAIT_MS / 1000;
    expect(lines).toContainEqual(expect.stringMatching(`server throttling, waiting ${seconds} s`));
  });
});
