import { CopyTask, JobRequested, PassedFolder } from '@btsx/contracts';
import {
  FolderWriter,
  ImapSession,
  listFolders,
  openFolderWriter,
  openImapSession,
  readMailboxIds,
} from '@btsx/imap';
import {
  DEFAULT_JOB_OPTIONS,
  type FixtureFolder,
  type ImapTestServer,
  type ImapTestUser,
  readMailbox,
  seedMailbox,
  startCourier,
  startCyrus,
  startDovecot,
  withImapSession,
} from '@btsx/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { JobPlanner } from './job-planner';

/** Courier's accounts are machine-wide: names no other test process uses at the same time. */
const account = (role: string): ImapTestUser => ({
  username: `${role}-${randomBytes(4).toString('hex')}@test.local`,
  password: `${role}-pw`,
});

const letter = (subject: string) => ({
  raw: Buffer.from(`From: a@test.local\r\nSubject: ${subject}\r\n\r\nHello.\r\n`),
  flags: [],
  internalDate: new Date('2024-01-02T03:04:05Z'),
});

/** Logical paths ('/' whatever the server uses, its namespace prefix set aside). */
const TREE: FixtureFolder[] = [
  'INBOX',
  'Projects',
  'Projects/2024',
  'Lists/Rust',
  'Archive/Old',
].map((path) => ({ path, messages: [letter(path)] }));

const SERVERS: [string, () => Promise<ImapTestServer>][] = [
  ['Courier', () => startCourier()],
  ["Cyrus with '/'", () => startCyrus({ separator: '/' })],
  ["Cyrus with '.'", () => startCyrus({ separator: '.' })],
  [
    'Dovecot with the INBOX. prefix',
    () => startDovecot({ users: [], separator: '.', namespacePrefix: 'INBOX.' }),
  ],
];

const loginTo = (server: ImapTestServer, user: ImapTestUser) => ({
  host: server.host,
  port: server.port,
  security: 'none' as const,
  verifyCertificate: true,
  ...user,
});

function open(server: ImapTestServer, user: ImapTestUser): Promise<ImapSession> {
  return openImapSession(loginTo(server, user), { allowPrivateHosts: true });
}

/** A FolderWriter on the account, as discovery plans with one. */
function writerOn(server: ImapTestServer, user: ImapTestUser): Promise<FolderWriter> {
  return openFolderWriter(loginTo(server, user), { allowPrivateHosts: true });
}

function job(): JobRequested {
  return {
    jobId: randomUUID(),
    options: DEFAULT_JOB_OPTIONS,
  };
}

/** Plans (creating the destination's folders) and returns the plan's folders. */
async function plan(from: ImapSession, to: ImapSession, writer?: FolderWriter) {
  const tasks: CopyTask[] = [];
  const publish = async (task: CopyTask) => void tasks.push(task);
  const planner = new JobPlanner(from, to, new AbortController().signal, publish, {
    writer: () => writer,
  });
  try {
    return (await planner.plan(job())).planned.folders;
  } finally {
    await writer?.close();
  }
}

const folderPaths = async (server: ImapTestServer, user: ImapTestUser) =>
  (await readMailbox(server, user)).map((folder) => folder.path);

/**
 * Plans from one account into the other, and checks the destination holds the source's tree
 * beside what it had, every folder subscribed, nothing else: a level the server made itself
 * (Cyrus makes `Lists` for `Lists/Rust`) is a parent of a source folder. `withWriter` creates
 * the folders over a FolderWriter, as discovery does; without, one at a time over the session.
 */
async function expectPlannedTree(
  from: { server: ImapTestServer; user: ImapTestUser; session: ImapSession },
  to: { server: ImapTestServer; user: ImapTestUser; session: ImapSession },
  { attempts = 1, withWriter = false } = {},
): Promise<void> {
  const [sourcePaths, before] = [
    await folderPaths(from.server, from.user),
    await folderPaths(to.server, to.user),
  ];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const writer = withWriter ? await writerOn(to.server, to.user) : undefined;
    const refused = (await plan(from.session, to.session, writer)).filter((f) => f.error);
    expect({ attempt, refused }).toEqual({ attempt, refused: [] });
  }
  const after = await folderPaths(to.server, to.user);
  expect(after).toEqual(expect.arrayContaining([...sourcePaths, ...before]));
  const expected = [...sourcePaths, ...before];
  const outside = after.filter((p) => !expected.some((t) => t === p || t.startsWith(`${p}/`)));
  expect(outside).toEqual([]);
  const listed = await listFolders(to.session);
  const unsubscribed = listed.filter((f) => !f.subscribed && !f.noSelect && !f.foreign);
  expect(unsubscribed.map((f) => f.path)).toEqual([]);
}

describe.each(SERVERS)('JobPlanner with %s', (_name, start) => {
  let server: ImapTestServer;
  let dovecot: ImapTestServer;
  const sessions: ImapSession[] = [];
  const opened = async (on: ImapTestServer, user: ImapTestUser) => {
    const session = await open(on, user);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    [server, dovecot] = await Promise.all([start(), startDovecot({ users: [], separator: '/' })]);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([server?.stop(), dovecot?.stop()]);
  });

  /** The TREE planned from a fresh Dovecot account into a fresh account of the server. */
  async function planTreeInto(options: { attempts?: number; withWriter?: boolean }) {
    const [source, destination] = [account('src'), account('dst')];
    await Promise.all([dovecot.addUser(source), server.addUser(destination)]);
    await seedMailbox(dovecot, source, TREE);
    await expectPlannedTree(
      { server: dovecot, user: source, session: await opened(dovecot, source) },
      { server, user: destination, session: await opened(server, destination) },
      options,
    );
  }

  it('creates the source tree inside its personal namespace all at once, as destination, twice without a refusal', async () => {
    await planTreeInto({ attempts: 2, withWriter: true });
  });

  it('creates the tree one folder at a time without a writer', async () => {
    await planTreeInto({});
  });

  it('leaves its namespace prefix behind, as source', async () => {
    const [source, destination] = [account('src'), account('dst')];
    await Promise.all([server.addUser(source), dovecot.addUser(destination)]);
    await seedMailbox(server, source, TREE);
    await expectPlannedTree(
      { server, user: source, session: await opened(server, source) },
      { server: dovecot, user: destination, session: await opened(dovecot, destination) },
    );
  });
});

describe('JobPlanner into Cyrus, which refuses quotes in a name', () => {
  let cyrus: ImapTestServer;
  let dovecot: ImapTestServer;
  const sessions: ImapSession[] = [];

  beforeAll(async () => {
    [cyrus, dovecot] = await Promise.all([
      startCyrus({ separator: '/' }),
      startDovecot({ users: [], separator: '/' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([cyrus?.stop(), dovecot?.stop()]);
  });

  it('creates the folder under a legal substitute, names both, and puts its children there', async () => {
    const [source, destination] = [account('src'), account('dst')];
    await Promise.all([dovecot.addUser(source), cyrus.addUser(destination)]);
    await seedMailbox(dovecot, source, [
      { path: 'Say "hi"', messages: [letter('quoted')] },
      { path: 'Say "hi"/notes', messages: [letter('notes')] },
    ]);
    sessions.push(await open(dovecot, source), await open(cyrus, destination));
    // The writer leaves the refused name and the folder under it to the one-at-a-time path.
    const folders = await plan(sessions[0], sessions[1], await writerOn(cyrus, destination));
    expect(folders.find((f) => f.source === 'Say "hi"')).toMatchObject({
      destination: 'Say _hi_',
      refusedName: 'Say "hi"',
      refusedBecause: expect.stringMatching(/Invalid mailbox name/),
    });
    expect(folders.find((f) => f.source === 'Say "hi"/notes')?.destination).toBe('Say _hi_/notes');
    expect(folders.filter((f) => f.error)).toEqual([]);
    expect(await folderPaths(cyrus, destination)).toEqual(
      expect.arrayContaining(['Say _hi_', 'Say _hi_/notes']),
    );
  });
});

describe('JobPlanner into a server that takes one APPEND at a time', () => {
  let courier: ImapTestServer;
  let dovecot: ImapTestServer;
  const sessions: ImapSession[] = [];

  beforeAll(async () => {
    [courier, dovecot] = await Promise.all([startCourier(), startDovecot({ users: [] })]);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([courier?.stop(), dovecot?.stop()]);
  });

  /** The UID ranges of the tasks planned for a 120-message INBOX into `server`. */
  async function rangesInto(server: ImapTestServer) {
    const [source, destination] = [account('src'), account('dst')];
    await Promise.all([dovecot.addUser(source), server.addUser(destination)]);
    const messages = Array.from({ length: 120 }, (_, n) => letter(`letter ${n}`));
    await seedMailbox(dovecot, source, [{ path: 'INBOX', messages }]);
    sessions.push(await open(dovecot, source), await open(server, destination));
    const tasks: CopyTask[] = [];
    const [from, to] = sessions.slice(-2);
    await new JobPlanner(from, to, new AbortController().signal, async (t) => {
      tasks.push(t);
    }).plan(job());
    return tasks.map(({ uidFrom, uidTo }) => ({ uidFrom, uidTo }));
  }

  it('cuts a large folder into ranges for several writers into Courier, and not into Dovecot', async () => {
    expect(await rangesInto(courier)).toEqual([
      { uidFrom: 1, uidTo: 60 },
      { uidFrom: 61, uidTo: undefined },
    ]);
    expect(await rangesInto(dovecot)).toEqual([{ uidFrom: 1, uidTo: undefined }]);
  });
});

describe('JobPlanner after a folder was renamed at a source with OBJECTID (Cyrus)', () => {
  let cyrus: ImapTestServer;
  let dovecot: ImapTestServer;
  const sessions: ImapSession[] = [];
  const RENAMED_TREE = ['INBOX', 'Projects', 'Projects/2024', 'Lists/Rust'].map((path) => ({
    path,
    messages: [letter(path)],
  }));

  beforeAll(async () => {
    [cyrus, dovecot] = await Promise.all([
      startCyrus({ separator: '/' }),
      startDovecot({ users: [], separator: '/' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([cyrus?.stop(), dovecot?.stop()]);
  });

  /**
   * A first plan, marks as its pass would leave them (with each folder's MAILBOXID), then
   * `Projects` renamed `Projects 2025` at the source (its subfolder goes with it) and a
   * delta pass planned.
   */
  async function renameAndPlanDelta(mirrorDeletions: boolean) {
    const [source, destination] = [account('src'), account('dst')];
    await Promise.all([cyrus.addUser(source), dovecot.addUser(destination)]);
    await seedMailbox(cyrus, source, RENAMED_TREE);
    const [from, to] = [await open(cyrus, source), await open(dovecot, destination)];
    sessions.push(from, to);
    await plan(from, to);
    const listed = await listFolders(from, { withCounts: true });
    const ids = await readMailboxIds(
      from,
      listed.map((f) => f.path),
    );
    const since: PassedFolder[] = listed.map((f) => ({
      source: f.path,
      destination: f.path,
      uidValidity: f.uidValidity ?? '1',
      uidNext: f.uidNext ?? 1,
      messages: f.messages,
      mailboxId: ids.get(f.path),
    }));
    await withImapSession(cyrus, source, (client) =>
      client.mailboxRename('Projects', 'Projects 2025'),
    );
    const tasks: CopyTask[] = [];
    const planner = new JobPlanner(from, to, new AbortController().signal, async (task) => {
      tasks.push(task);
    });
    const delta = { ...job(), since, options: { ...DEFAULT_JOB_OPTIONS, mirrorDeletions } };
    const { planned } = await planner.plan(delta);
    return { planned, tasks, paths: await folderPaths(dovecot, destination) };
  }

  it('renames the copy at the destination too under Mirror deletions, and copies on from the mark', async () => {
    const { planned, tasks, paths } = await renameAndPlanDelta(true);
    expect(planned.renamedSinceLastPass).toEqual([
      {
        from: 'Projects',
        to: 'Projects 2025',
        destination: 'Projects 2025',
        renamedAtDestination: true,
      },
      {
        from: 'Projects/2024',
        to: 'Projects 2025/2024',
        destination: 'Projects 2025/2024',
        renamedAtDestination: true,
      },
    ]);
    expect(planned.goneSinceLastPass).toBeUndefined();
    expect(paths).toEqual(expect.arrayContaining(['Projects 2025', 'Projects 2025/2024']));
    expect(paths).not.toContain('Projects');
    const task = tasks.find((t) => t.sourceFolder === 'Projects 2025');
    expect(task).toMatchObject({
      destinationFolder: 'Projects 2025',
      renamedFrom: { source: 'Projects', destination: 'Projects' },
      since: { uidNext: 2, messages: 1 },
    });
  });

  it('keeps copying into the copy under its old name without Mirror deletions, and makes no new folder', async () => {
    const { planned, tasks, paths } = await renameAndPlanDelta(false);
    expect(planned.renamedSinceLastPass).toEqual([
      {
        from: 'Projects',
        to: 'Projects 2025',
        destination: 'Projects',
        renamedAtDestination: false,
      },
      {
        from: 'Projects/2024',
        to: 'Projects 2025/2024',
        destination: 'Projects/2024',
        renamedAtDestination: false,
      },
    ]);
    expect(paths).toEqual(expect.arrayContaining(['Projects', 'Projects/2024']));
    expect(paths.filter((p) => p.startsWith('Projects 2025'))).toEqual([]);
    expect(tasks.find((t) => t.sourceFolder === 'Projects 2025/2024')).toMatchObject({
      destinationFolder: 'Projects/2024',
      renamedFrom: { source: 'Projects/2024', destination: 'Projects/2024' },
    });
  });
});
