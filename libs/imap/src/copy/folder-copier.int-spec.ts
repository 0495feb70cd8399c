import { createHash, randomUUID } from 'node:crypto';
import type { ImapLogin } from '@btsx/contracts';
import {
  compareMailboxes,
  generateCorpus,
  munge8bitHeader,
  rewriteMaildirMessages,
  readMailbox,
  seedMailbox,
  startDovecot,
  type DovecotServer,
  type DovecotUser,
  type FixtureFolder,
} from '@btsx/testing';
import { clientOf, type ImapSession } from '../session/imap-session';
import { openImapSession } from '../session/open-imap-session';
import { openPipelinedReader, type PipelinedReader } from '../pipeline/pipelined-reader';
import { ensureFolder } from '../folders/ensure-folder';
import { MemoryLedger } from '../testing/memory-ledger';
import type { Checkpoint, CheckpointStore } from './checkpoint';
import type { FolderCopyTask } from './copy-task';
import { DestinationLine } from './destination-line';
import { BATCH_SIZE, FolderCopier } from './folder-copier';

class MemoryCheckpoints implements CheckpointStore {
  readonly saved = new Map<string, Checkpoint>();
  async load(taskId: string) {
    return this.saved.get(taskId) ?? null;
  }
  async save(taskId: string, checkpoint: Checkpoint) {
    this.saved.set(taskId, structuredClone(checkpoint));
  }
}

const loginFor = (server: DovecotServer, user: DovecotUser): ImapLogin => ({
  host: server.host,
  port: server.port,
  security: 'none',
  verifyCertificate: true,
  ...user,
});

describe('FolderCopier against Dovecot', () => {
  let source: DovecotServer;
  let destination: DovecotServer;
  const open: (ImapSession | PipelinedReader | DestinationLine)[] = [];

  /** The copier's view of `user` on `server`: one connection, session or writer. */
  function lineTo(server: DovecotServer, user: DovecotUser): DestinationLine {
    const line = new DestinationLine(loginFor(server, user), { allowPrivateHosts: true });
    open.push(line);
    return line;
  }

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [] }),
      startDovecot({ users: [], separator: '.' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await Promise.all([source?.stop(), destination?.stop()]);
  });

  /** A fresh user on both servers with `folder` seeded at the source; each test is isolated. */
  async function setUp(folder: FixtureFolder) {
    const user = { username: `u-${randomUUID()}@test.local`, password: 'pw' };
    await Promise.all([source.addUser(user), destination.addUser(user)]);
    await seedMailbox(source, user, [folder]);
    const sessions = await Promise.all([
      openImapSession(loginFor(source, user), { allowPrivateHosts: true }),
      openImapSession(loginFor(destination, user), { allowPrivateHosts: true }),
    ]);
    // The copier reads the source as production does, through its pipelined reader.
    const reader = await openPipelinedReader(loginFor(source, user), { allowPrivateHosts: true });
    open.push(...sessions, reader);
    const line = lineTo(destination, user);
    const checkpoints = new MemoryCheckpoints();
    const ledger = new MemoryLedger();
    const copier = new FolderCopier({
      source: reader,
      destination: line,
      checkpoints,
      ledger,
      onProgress: () => undefined,
    });
    const only = (path: string) => (snapshot: Awaited<ReturnType<typeof readMailbox>>) =>
      snapshot.filter((f) => f.path === path);
    const snapshots = async (sourcePath: string, destinationPath = sourcePath) => ({
      source: only(sourcePath)(await readMailbox(source, user)),
      destination: only(destinationPath)(await readMailbox(destination, user)),
    });
    /** Another copier on the same sessions and checkpoints; its ledger is empty unless given. */
    const copierWith = (other = new MemoryLedger()) =>
      new FolderCopier({
        source: reader,
        destination: line,
        checkpoints,
        ledger: other,
        onProgress: () => undefined,
      });
    return { user, checkpoints, ledger, copier, copierWith, snapshots, sessions, reader, line };
  }

  /** The corpus spreads messages over folders; gather them into one. */
  const inbox = (messages: number, hugeMessages = 0): FixtureFolder => ({
    path: 'INBOX',
    messages: generateCorpus({ messages, folders: 0, seed: messages, hugeMessages }).flatMap(
      (f) => f.messages,
    ),
  });
  const task = (overrides: Partial<FolderCopyTask> = {}): FolderCopyTask => ({
    taskId: randomUUID(),
    sourceFolder: 'INBOX',
    destinationFolder: 'INBOX',
    uidFrom: 1,
    reconcileExisting: false,
    deleteSource: false,
    ...overrides,
  });

  it('copies a folder byte for byte with flags and internal dates', async () => {
    // The huge one (3–12 MB) goes through a spool file.
    const folder = inbox(25, 1);
    const { reader, snapshots, line } = await setUp(folder);
    const copier = new FolderCopier({
      source: reader,
      destination: line,
      checkpoints: new MemoryCheckpoints(),
      ledger: new MemoryLedger(),
      onProgress: () => undefined,
    });
    const result = await copier.copy(task());
    expect(result.counts).toMatchObject({ copied: folder.messages.length, skipped: 0, failed: 0 });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(s[0].messages).toHaveLength(folder.messages.length);
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('reads a folder of one batch whole, and a larger one in batches with a checkpoint after each', async () => {
    const cases: [number, number[]][] = [
      [BATCH_SIZE, [0, BATCH_SIZE]],
      [BATCH_SIZE + 5, [0, BATCH_SIZE, BATCH_SIZE + 5]],
    ];
    for (const [messages, checkpointed] of cases) {
      const folder = inbox(messages);
      const { copier, checkpoints, snapshots } = await setUp(folder);
      const saves: number[] = [];
      const save = checkpoints.save.bind(checkpoints);
      checkpoints.save = (id, checkpoint) => (saves.push(checkpoint.lastUid), save(id, checkpoint));

      const result = await copier.copy(task());
      expect(result.counts).toMatchObject({ copied: messages, skipped: 0, failed: 0 });
      expect(saves).toEqual(checkpointed);
      const { source: s, destination: d } = await snapshots('INBOX');
      expect(compareMailboxes(s, d)).toEqual([]);
    }
  });

  it('stops between batches when asked, and resumes from the checkpoint on the same reader', async () => {
    const messages = 2 * BATCH_SIZE + 5;
    const { reader, line, checkpoints, ledger, snapshots } = await setUp(inbox(messages));
    const stop = new AbortController();
    const save = checkpoints.save.bind(checkpoints);
    // Stop once the first batch is checkpointed, as a pausing copier does.
    checkpoints.save = async (id, checkpoint) => {
      await save(id, checkpoint);
      if (checkpoint.lastUid === BATCH_SIZE) stop.abort(new Error('paused'));
    };
    const deps = { source: reader, destination: line, checkpoints, ledger };
    const stopping = new FolderCopier({
      ...deps,
      onProgress: () => undefined,
      stopBetweenBatches: stop.signal,
    });
    const whole = task();
    await expect(stopping.copy(whole)).rejects.toThrow('paused');
    expect(checkpoints.saved.get(whole.taskId)).toMatchObject({
      lastUid: BATCH_SIZE,
      copied: BATCH_SIZE,
    });

    const resumed = await new FolderCopier({ ...deps, onProgress: () => undefined }).copy(whole);
    expect(resumed.counts).toMatchObject({ copied: messages, skipped: 0, failed: 0 });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(d[0].messages).toHaveLength(messages);
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('resumes after a crash between APPEND and checkpoint without duplicating', async () => {
    const { copier, copierWith, checkpoints, snapshots } = await setUp(inbox(20));
    const first = task();
    await copier.copy(first);
    // The crash window: every message appended, but the last checkpoint saved says UID 8
    // (with no mark, as an older copier saved it) and the ledger never heard of the rest.
    const saved = checkpoints.saved.get(first.taskId) as Checkpoint;
    const unmarked: Checkpoint = { ...saved, lastUid: 8, copied: 8, bytes: 0 };
    delete unmarked.destinationMark;
    checkpoints.saved.set(first.taskId, unmarked);
    const resumed = await copierWith().copy(first);
    expect(resumed.counts).toMatchObject({ copied: 8, skipped: 12 });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('checks a redelivered task with no checkpoint yet by content, so it leaves no duplicate', async () => {
    const { copier, copierWith, checkpoints, snapshots } = await setUp(inbox(15));
    const first = task();
    await copier.copy(first);
    // A worker died before it saved a checkpoint or a ledger entry; JetStream redelivers it.
    checkpoints.saved.delete(first.taskId);
    const again = await copierWith().copy({ ...first, redelivered: true });
    expect(again.counts).toMatchObject({ copied: 0, skipped: 15 });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('resumes a half-done task from its checkpoint and copies only the rest', async () => {
    const { copier, checkpoints, snapshots } = await setUp(inbox(20));
    const whole = task();
    await copier.copy({ ...whole, uidTo: 10 });
    const result = await copier.copy(whole);
    expect(checkpoints.saved.get(whole.taskId)?.lastUid).toBe(20);
    expect(result.counts.copied + result.counts.skipped).toBe(20);
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('after a UIDVALIDITY change starts over by content, not blindly', async () => {
    const folder = inbox(12);
    const { copier, copierWith, checkpoints, snapshots } = await setUp(folder);
    const first = task();
    await copier.copy(first);
    const saved = checkpoints.saved.get(first.taskId) as Checkpoint;
    checkpoints.saved.set(first.taskId, { ...saved, uidValidity: '1', lastUid: 9999 });
    // The ledger's entries belong to the old UIDVALIDITY: none of them holds.
    const again = await copierWith().copy(first);
    expect(again.counts).toMatchObject({ copied: 0, skipped: folder.messages.length });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it.each([
    ['known from the ledger', true],
    ['proven by content', false],
  ])('with reconcileExisting, a second run adds nothing and aligns flags (%s)', async (_, keep) => {
    const folder = inbox(15);
    const { copier, copierWith, ledger, snapshots, sessions } = await setUp(folder);
    await copier.copy(task({ reconcileExisting: true }));
    await sessions[1].openFolder('INBOX', false);
    await clientOf(sessions[1]).messageFlagsSet('1:*', ['$Stale'], { uid: true });
    const again = await copierWith(keep ? ledger : undefined).copy(
      task({ reconcileExisting: true }),
    );
    expect(again.counts).toMatchObject({ copied: 0, skipped: folder.messages.length });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('with reconcileExisting and deleteSource, copies a letter whose Message-ID another letter at the destination reuses', async () => {
    const letter = (body: string) => ({
      raw: Buffer.from(`Message-ID: <digest@list.example>\r\nSubject: Digest\r\n\r\n${body}\r\n`),
      flags: ['\\Seen'],
      internalDate: new Date('2024-03-01T10:00:00Z'),
    });
    const mine = letter('The source letter, with a longer body.');
    const theirs = letter('Another one.');
    const { copier, snapshots, user } = await setUp({ path: 'INBOX', messages: [mine] });
    await seedMailbox(destination, user, [{ path: 'INBOX', messages: [theirs] }]);
    const result = await copier.copy(task({ reconcileExisting: true, deleteSource: true }));
    expect(result.counts).toMatchObject({ copied: 1, skipped: 0 });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(s[0].messages).toEqual([]);
    const sha256 = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');
    expect(d[0].messages.map((m) => m.sha256).sort()).toEqual(
      [sha256(mine.raw), sha256(theirs.raw)].sort(),
    );
  });

  it('copies nothing twice when the same two accounts are copied again, even without Replace Existing', async () => {
    const folder = inbox(15);
    const { copier, snapshots } = await setUp(folder);
    // As planned: the FETCH leaves with the EXAMINE, and the second run lets its rows go.
    const planned = { listedMessages: 15, listedUidNext: 16 };
    await copier.copy(task(planned));
    const again = await copier.copy(task(planned));
    expect(again.counts).toMatchObject({ copied: 0, skipped: folder.messages.length });
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
    // The rows let go left the connection in step: the next folder's copy reads what it asked.
    expect((await copier.copy(task())).counts).toMatchObject({ skipped: 15 });
  });

  it('sends the FETCH of a folder planned small with its EXAMINE, then copies what arrived since', async () => {
    const { copier, checkpoints, snapshots } = await setUp(inbox(12));
    const saves: number[] = [];
    const save = checkpoints.save.bind(checkpoints);
    checkpoints.save = (id, checkpoint) => (saves.push(checkpoint.lastUid), save(id, checkpoint));

    // Planning saw 9 messages; 3 more arrived before the copy.
    const result = await copier.copy(task({ listedMessages: 9, listedUidNext: 10 }));
    expect(result.counts).toMatchObject({ copied: 12, skipped: 0, failed: 0 });
    expect(saves).toEqual([0, 9, 12]);
    const { source: s, destination: d } = await snapshots('INBOX');
    expect(compareMailboxes(s, d)).toEqual([]);
  });

  it('knows from its ledger a message the destination rewrote, which no content match can prove', async () => {
    const folder = inbox(40);
    const { copier, copierWith, snapshots, user } = await setUp(folder);
    await copier.copy(task());
    // The destination turns raw 8-bit header bytes into X, as Cyrus does.
    const munged = await rewriteMaildirMessages(destination, user.username, [], munge8bitHeader);
    expect(munged).toBeGreaterThan(0);
    const rerun = await copier.copy(task({ reconcileExisting: true }));
    expect(rerun.counts).toMatchObject({ copied: 0, skipped: folder.messages.length });
    expect((await snapshots('INBOX')).destination[0].messages).toHaveLength(folder.messages.length);
    // Without the ledger the rule proves only byte-identical copies: the rest goes again.
    const blind = await copierWith().copy(task({ reconcileExisting: true }));
    expect(blind.counts.copied).toBe(munged);
  });

  it('resumes after a crash in a batch the destination rewrote, without copying it again', async () => {
    const folder = inbox(40);
    const { copier, copierWith, checkpoints, snapshots, user } = await setUp(folder);
    const first = task();
    await copier.copy(first);
    // The crash window: every message appended (UIDs 1 to 40), the last checkpoint says
    // UID 8 and destination UID 9 next, and the ledger never heard of the batch after it.
    const saved = checkpoints.saved.get(first.taskId) as Checkpoint;
    const { uidValidity } = saved.destinationMark!;
    checkpoints.saved.set(first.taskId, {
      ...saved,
      lastUid: 8,
      copied: 8,
      bytes: 0,
      destinationMark: { uidValidity, uidNext: 9 },
    });
    expect(
      await rewriteMaildirMessages(destination, user.username, [], munge8bitHeader),
    ).toBeGreaterThan(0);
    const resumed = await copierWith().copy(first);
    expect(resumed.counts).toMatchObject({ copied: 8, skipped: 32 });
    expect((await snapshots('INBOX')).destination[0].messages).toHaveLength(40);
  });

  it('with deleteSource, expunges exactly the copied messages and spares a user-\\Deleted one', async () => {
    const messages = inbox(3).messages.map((m) => ({ ...m, flags: [] as string[] }));
    messages[1].flags = ['\\Deleted'];
    const { copier, snapshots, sessions } = await setUp({ path: 'Work', messages });
    await ensureFolder(sessions[1], 'Work');
    const result = await copier.copy(
      task({ sourceFolder: 'Work', destinationFolder: 'Work', deleteSource: true }),
    );
    expect(result.counts.copied).toBe(3);
    const { source: s, destination: d } = await snapshots('Work');
    expect(s[0].messages).toHaveLength(1);
    expect(s[0].messages[0].flags).toEqual(['\\Deleted']);
    expect(d[0].messages).toHaveLength(3);
  });

  it('fails messages over the destination limit without sending them, and copies the rest', async () => {
    const folder = inbox(20);
    const limit = 12_000;
    const { reader, snapshots, line } = await setUp(folder);
    const limited = new FolderCopier({
      source: reader,
      destination: line,
      checkpoints: new MemoryCheckpoints(),
      ledger: new MemoryLedger(),
      onProgress: () => undefined,
      maxMessageBytes: limit,
    });
    const result = await limited.copy(task());
    const big = folder.messages.filter((m) => m.raw.length > limit).length;
    expect(big).toBeGreaterThan(0);
    expect(result.counts).toMatchObject({ copied: 20 - big, failed: big });
    expect(
      result.failures.every((f) => f.size > limit && /takes messages up to/.test(f.reason)),
    ).toBe(true);
    const { destination: d } = await snapshots('INBOX');
    expect(d[0].messages.every((m) => m.size <= limit)).toBe(true);
    expect(d[0].messages).toHaveLength(20 - big);
  });

  /**
   * 20 messages copied into a Dovecot that refuses those over 12 kB (and says so in its
   * CAPABILITY when `announced`): every reason given, after the rest arrived, none over.
   */
  async function copyIntoStrict(announced: boolean): Promise<string[]> {
    const limit = 12_000;
    const strict = await startDovecot({
      users: [],
      maxMessageBytes: limit,
      announcesAppendLimit: announced,
    });
    try {
      const folder = inbox(20);
      const user = { username: `u-${randomUUID()}@test.local`, password: 'pw' };
      await Promise.all([source.addUser(user), strict.addUser(user)]);
      await seedMailbox(source, user, [folder]);
      const reader = await openImapSession(loginFor(source, user), { allowPrivateHosts: true });
      open.push(reader);
      const result = await new FolderCopier({
        source: reader,
        destination: lineTo(strict, user),
        checkpoints: new MemoryCheckpoints(),
        ledger: new MemoryLedger(),
        onProgress: () => undefined,
      }).copy(task());
      const big = folder.messages.filter((m) => m.raw.length > limit).length;
      expect(big).toBeGreaterThan(0);
      expect(result.counts).toMatchObject({ copied: 20 - big, failed: big });
      const copied = (await readMailbox(strict, user)).find((f) => f.path === 'INBOX');
      expect(copied?.messages).toHaveLength(20 - big);
      return result.failures.map((f) => f.reason);
    } finally {
      await strict.stop();
    }
  }

  it("fails messages over the destination's APPENDLIMIT without sending them, and copies the rest", async () => {
    // The copier's own words, not the server's: nothing over the limit was sent.
    const words =
      /^Too large for the destination, which takes messages up to 12 kB; this one is \d+ kB$/;
    expect((await copyIntoStrict(true)).every((reason) => words.test(reason))).toBe(true);
  });

  it('records a message the destination server refuses and copies the rest (pipelined)', async () => {
    expect((await copyIntoStrict(false)).every((reason) => /maximum size/.test(reason))).toBe(true);
  });

  it('leaves out what the message filter says, counted with the batch they fell in, across a stop', async () => {
    // A day apart from 2020-01-01; the first 30 before `since`, the last 20 flagged \Deleted.
    const messages = BATCH_SIZE + 60;
    const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n, 12));
    const folder = inbox(messages);
    folder.messages.forEach((m, n) => {
      m.internalDate = day(n);
      if (n >= messages - 20) m.flags = [...m.flags, '\\Deleted'];
    });
    const { reader, line, checkpoints, ledger, snapshots } = await setUp(folder);
    const before = await snapshots('INBOX');
    const sizes = before.source[0].messages.map((m) => m.size).sort((a, b) => a - b);
    const maxBytes = sizes[Math.floor(sizes.length * 0.8)];
    const since = day(30).toISOString().slice(0, 10);
    const kept = (m: { internalDate: number; size: number; flags: string[] }) =>
      m.internalDate * 1000 >= Date.parse(since) &&
      m.size <= maxBytes &&
      !m.flags.includes('\\Deleted');
    const expected = before.source[0].messages.filter(kept);
    expect(expected.length).toBeGreaterThan(BATCH_SIZE / 2);

    const stop = new AbortController();
    const save = checkpoints.save.bind(checkpoints);
    checkpoints.save = async (id, checkpoint) => {
      await save(id, checkpoint);
      if (checkpoint.copied > 0) stop.abort(new Error('paused'));
    };
    const deps = { source: reader, destination: line, checkpoints, ledger };
    const filtered = task({ messages: { since, maxBytes, skipDeleted: true } });
    const stopping = new FolderCopier({
      ...deps,
      onProgress: () => undefined,
      stopBetweenBatches: stop.signal,
    });
    await expect(stopping.copy(filtered)).rejects.toThrow('paused');
    const resumed = await new FolderCopier({ ...deps, onProgress: () => undefined }).copy(filtered);

    expect(resumed.counts).toMatchObject({
      copied: expected.length,
      skipped: 0,
      failed: 0,
      filtered: messages - expected.length,
    });
    const { destination } = await snapshots('INBOX');
    expect(compareMailboxes([{ ...before.source[0], messages: expected }], destination)).toEqual(
      [],
    );
  });

  it('stops when the signal aborts', async () => {
    const { reader, checkpoints, line } = await setUp(inbox(5));
    const controller = new AbortController();
    controller.abort();
    const copier = new FolderCopier({
      source: reader,
      destination: line,
      checkpoints,
      ledger: new MemoryLedger(),
      onProgress: () => undefined,
      signal: controller.signal,
    });
    await expect(copier.copy(task())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
