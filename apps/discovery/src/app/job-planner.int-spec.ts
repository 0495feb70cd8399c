import { CopyTask, JobOptions, JobRequested } from '@btsx/contracts';
import { ImapSession, listFolders, openImapSession } from '@btsx/imap';
import {
  DovecotServer,
  generateCorpus,
  readMailbox,
  seedMailbox,
  startDovecot,
  writeMaildirFolder,
} from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { JobPlanner } from './job-planner';

/** Folders of twice this many messages are cut into ranges (DISCOVERY_RANGE_MESSAGES). */
const MESSAGES_PER_RANGE = 250;

const alice = { username: 'alice@source.test', password: 'alice-pw' };
const bob = { username: 'bob@dest.test', password: 'bob-pw' };
/** A source account with folders the destination refuses to create. */
const carl = { username: 'carl@source.test', password: 'carl-pw' };

function job(options: Partial<JobOptions>): JobRequested {
  return {
    jobId: randomUUID(),
    options: {
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: false,
      reconcileExisting: false,
      ...options,
    },
  };
}

describe('JobPlanner against real Dovecot servers', () => {
  let source: DovecotServer;
  let destination: DovecotServer;
  let sessions: ImapSession[];

  const open = (server: DovecotServer, user: typeof alice) =>
    openImapSession(
      {
        host: server.host,
        port: server.port,
        security: 'none',
        verifyCertificate: true,
        ...user,
      },
      { allowPrivateHosts: true },
    );

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [alice, carl], separator: '/' }),
      startDovecot({ users: [bob], separator: '.', specialUse: { '\\Sent': 'Sent Items' } }),
    ]);
    await seedMailbox(source, alice, [
      ...generateCorpus({ messages: 60, folders: 6, seed: 3 }),
      { path: 'Big', messages: tinyMessages(MESSAGES_PER_RANGE * 2 + 10) },
    ]);
    await seedMailbox(source, carl, [{ path: 'Kept', messages: tinyMessages(2) }]);
    // Dovecot lists and serves "~x" but refuses to CREATE it: only the maildir can hold it.
    for (const folder of [['~x'], ['~x', 'sub']])
      await writeMaildirFolder(source, carl.username, folder, [tinyMessages(1)[0].raw]);
    sessions = [await open(source, alice), await open(destination, bob)];
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([source.stop(), destination.stop()]);
  });

  let published: CopyTask[] = [];
  const planner = (from = sessions[0]) => {
    published = [];
    const publish = async (task: CopyTask) => void published.push(task);
    const signal = new AbortController().signal;
    return new JobPlanner(from, sessions[1], signal, publish, {
      rangeMessages: MESSAGES_PER_RANGE,
    });
  };

  it('creates every folder on the destination and counts each folder when asked', async () => {
    const snapshot = await readMailbox(source, alice);
    const { planned, tasks } = await planner().plan(job({ progressUpdates: true }));

    const created = new Set((await listFolders(sessions[1])).map((f) => f.path));
    for (const folder of planned.folders) expect(created).toContain(folder.destination);
    expect(planned.folders.find((f) => f.source === 'Sent')?.destination).toBe('Sent Items');
    expect(created).toContain('Projects.2024.Q1');

    for (const folder of snapshot) {
      const plannedFolder = planned.folders.find((f) => f.source === folder.path);
      expect(plannedFolder?.messages).toBe(folder.messages.length);
      const ranges = folder.path === 'Big' ? 2 : 1; // the second task of Big: tasks' + 1 below
      expect(plannedFolder?.taskIds).toHaveLength(folder.messages.length > 0 ? ranges : 0);
    }
    expect(tasks).toHaveLength(snapshot.filter((f) => f.messages.length > 0).length + 1);
    expect(published).toEqual(tasks);
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(tasks.length);
  });

  it('cuts a large folder into UID ranges that cover it, counts or no Progress Updates', async () => {
    const { planned, tasks } = await planner().plan(job({ progressUpdates: false }));
    const big = tasks.filter((t) => t.sourceFolder === 'Big');
    expect(big.map(({ uidFrom, uidTo }) => ({ uidFrom, uidTo }))).toEqual([
      { uidFrom: 1, uidTo: MESSAGES_PER_RANGE + 5 },
      { uidFrom: MESSAGES_PER_RANGE + 6, uidTo: undefined },
    ]);
    expect(planned.folders.find((f) => f.source === 'Big')).toMatchObject({
      messages: undefined,
      taskIds: big.map((t) => t.taskId),
    });
  });

  it('plans no copy task for Folders Only, and the same task ids when planned again', async () => {
    const request = job({});
    expect(
      (await planner().plan({ ...request, options: { ...request.options, foldersOnly: true } }))
        .tasks,
    ).toEqual([]);
    const first = await planner().plan(request);
    const second = await planner().plan(request);
    expect(second.tasks.map((t) => t.taskId)).toEqual(first.tasks.map((t) => t.taskId));
  });

  it('gives a folder the destination refuses a legal substitute, its children too, and plans the rest', async () => {
    const carlSession = await open(source, carl);
    try {
      const { planned, tasks } = await planner(carlSession).plan(job({ progressUpdates: true }));

      const folder = (name: string) => planned.folders.find((f) => f.source === name);
      expect(folder('~x')).toMatchObject({
        destination: '_x',
        refusedName: '~x',
        refusedBecause: expect.stringMatching(/^Folder "~x": .*Begins with '~'/),
        taskIds: [expect.any(String)],
      });
      expect(folder('~x/sub')).toMatchObject({
        destination: '_x.sub',
        taskIds: [expect.any(String)],
      });
      expect(folder('~x/sub')?.refusedName).toBeUndefined();
      expect(folder('Kept')).toMatchObject({ messages: 2, taskIds: [expect.any(String)] });
      expect(planned.folders.filter((f) => f.error)).toEqual([]);
      expect(tasks.map((t) => [t.sourceFolder, t.destinationFolder]).sort()).toEqual([
        ['Kept', 'Kept'],
        ['~x', '_x'],
        ['~x/sub', '_x.sub'],
      ]);
      expect(published).toEqual(tasks);
      const created = (await listFolders(sessions[1])).map((f) => f.path);
      expect(created).toEqual(expect.arrayContaining(['Kept', '_x', '_x.sub']));
      expect(created.filter((path) => path.startsWith('~'))).toEqual([]);
    } finally {
      await carlSession.close();
    }
  });

  it('stops when the job is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      new JobPlanner(sessions[0], sessions[1], controller.signal, async () => undefined).plan(
        job({}),
      ),
    ).rejects.toThrow();
  });
});

describe('JobPlanner with a Gmail source', () => {
  const gmail = { username: 'gmail@test.local', password: 'pw' };
  let source: DovecotServer;
  let destination: DovecotServer;
  let sessions: ImapSession[];

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [gmail], gmailLayout: true }),
      startDovecot({ users: [bob] }),
    ]);
    const [inInbox, labelled, archived] = tinyMessages(3);
    await seedMailbox(source, gmail, [
      { path: 'INBOX', messages: [inInbox] },
      { path: 'Work', messages: [labelled] },
      { path: '[Gmail]/All Mail', specialUse: '\\All', messages: [archived] },
    ]);
    const open = (server: DovecotServer, user: typeof gmail) =>
      openImapSession(
        {
          host: server.host,
          port: server.port,
          security: 'none',
          verifyCertificate: true,
          ...user,
        },
        { allowPrivateHosts: true },
      );
    sessions = [await open(source, gmail), await open(destination, bob)];
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([source.stop(), destination.stop()]);
  });

  it("says in the plan and in All Mail's task that All Mail leaves out every other folder", async () => {
    const tasks: CopyTask[] = [];
    const publish = async (task: CopyTask) => void tasks.push(task);
    const planner = new JobPlanner(sessions[0], sessions[1], new AbortController().signal, publish);
    const { planned } = await planner.plan(job({}));
    const allMail = planned.folders.find((f) => f.source === '[Gmail]/All Mail')!;
    const others = planned.folders.filter((f) => f !== allMail);
    expect([...allMail.skipMessagesIn!].sort()).toEqual(others.map((f) => f.source).sort());
    expect(allMail.skipMessagesIn).toEqual(expect.arrayContaining(['INBOX', 'Work']));
    for (const folder of others) expect(folder.skipMessagesIn).toBeUndefined();
    const allMailTasks = tasks.filter((t) => t.sourceFolder === '[Gmail]/All Mail');
    expect(allMailTasks.map((t) => t.skipMessagesIn)).toEqual([allMail.skipMessagesIn]);
  });

  it('leaves a label the folder selection leaves out to All Mail, and names it in the plan', async () => {
    const publish = async () => undefined;
    const planner = new JobPlanner(sessions[0], sessions[1], new AbortController().signal, publish);
    const { planned } = await planner.plan(job({ folders: { exclude: ['work'] } }));
    expect(planned.folders.map((f) => f.source)).not.toContain('Work');
    const allMail = planned.folders.find((f) => f.source === '[Gmail]/All Mail')!;
    // Work's message is copied with All Mail's, as no label folder that is copied holds it.
    expect(allMail.skipMessagesIn).toContain('INBOX');
    expect(allMail.skipMessagesIn).not.toContain('Work');
    expect(planned.leftOut).toEqual({
      count: 1,
      named: [{ path: 'Work', reason: 'excluded by work' }],
    });
  });

  it('tells the audit which destination folders show every message: Gmail as the destination', async () => {
    await seedMailbox(destination, bob, [
      { path: 'INBOX', messages: tinyMessages(1) },
      { path: '[Gmail]/All Mail', messages: tinyMessages(1) },
    ]);
    const publish = async () => undefined;
    const [gmailSide, bobSide] = sessions;
    const planner = new JobPlanner(bobSide, gmailSide, new AbortController().signal, publish);
    const { planned } = await planner.plan(job({}));
    const views = planned.folders.map((f) => [f.destination, f.destinationIsView]);
    expect(views).toEqual(
      expect.arrayContaining([
        ['INBOX', false],
        ['[Gmail]/All Mail', true],
      ]),
    );
  });
});

function tinyMessages(count: number) {
  return Array.from({ length: count }, (_, n) => ({
    raw: Buffer.from(`Message-ID: <tiny-${n}@planner.test>\r\nSubject: ${n}\r\n\r\nbody ${n}\r\n`),
    flags: [],
    internalDate: new Date(Date.UTC(2024, 0, 1)),
  }));
}
