import { type ImapTestServer, startCourier, startCyrus, startDovecot } from '@btsx/testing';
import { randomBytes } from 'node:crypto';
import type { ImapSession } from '../session/imap-session';
import { openTestSession, testLogin } from '../testing/test-sessions';
import { openFolderWriter } from './folder-writer';
import { listFolders } from './list-folders';

/** Courier's accounts are machine-wide: a name no other test process uses at once. */
const newUser = () => ({
  username: `writer-${randomBytes(4).toString('hex')}@test.local`,
  password: 'writer-pw',
});

/** Each server, and the names it refuses (Cyrus: a quote). */
const SERVERS: [string, () => Promise<ImapTestServer>, string[]][] = [
  ["Dovecot with '.'", () => startDovecot({ users: [], separator: '.' }), []],
  ['Courier', () => startCourier(), []],
  ["Cyrus with '/'", () => startCyrus({ separator: '/' }), ['Say "hi"']],
];

describe.each(SERVERS)('FolderWriter on %s', (_name, start, refusedNames) => {
  let server: ImapTestServer;
  const sessions: ImapSession[] = [];

  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await server?.stop();
  });

  async function account() {
    const user = newUser();
    await server.addUser(user);
    const session = await openTestSession(server, user);
    sessions.push(session);
    const writer = await openFolderWriter(testLogin(server, user), { allowPrivateHosts: true });
    return { session, writer };
  }

  /** The account's own selectable folders, and whether each is subscribed. */
  async function folders(session: ImapSession): Promise<Record<string, boolean>> {
    const listed = (await listFolders(session)).filter((f) => !f.foreign && !f.noSelect);
    return Object.fromEntries(listed.map((f) => [f.path, f.subscribed === true]));
  }

  it('creates and subscribes nested and non-ASCII folders, deepest last, and reports each ready', async () => {
    const { session, writer } = await account();
    const { prefix, delimiter: d } = session.namespaces.personal;
    const names = [`Projects${d}2024${d}Q1`, 'Привет', 'Projects', 'Say "hi"', `Say "hi"${d}Child`];
    const planned = ['INBOX', ...names.map((name) => prefix + name)];
    // A folder under a refused one is refused with it.
    const refused = planned.filter((path) =>
      refusedNames.some((name) => path === prefix + name || path.startsWith(prefix + name + d)),
    );
    const listed = new Map((await listFolders(session)).map((f) => [f.path, f]));

    const ready = await writer.prepare(planned, d, listed);
    await writer.close();

    // A refused name is left to ensureFolder, which tries a legal substitute.
    expect([...ready].sort()).toEqual(planned.filter((p) => !refused.includes(p)).sort());
    const after = await folders(session);
    for (const path of ready) {
      expect({ path, subscribed: after[path] }).toEqual({ path, subscribed: true });
    }
    for (const path of refused) expect(after[path]).toBeUndefined();
  });

  it('reports nothing ready once its connection is gone, and throws nothing', async () => {
    const { session, writer } = await account();
    await writer.close();
    const listed = new Map((await listFolders(session)).map((f) => [f.path, f]));

    const ready = await writer.prepare(['Later'], session.delimiter, listed);

    expect([...ready]).toEqual([]);
    expect(await folders(session)).not.toHaveProperty('Later');
  });
});
