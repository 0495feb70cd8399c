import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { seedMailbox, startDovecot, writeMaildirFolder, type DovecotServer } from '@btsx/testing';
import type { ImapSession } from '../session/imap-session';
import { openTestSession } from '../testing/test-sessions';
import { ImapError } from '../errors/imap-error';
import { ensureFolder } from './ensure-folder';
import { listFolders } from './list-folders';
import { planFolderMapping } from './plan-folder-mapping';
import type { RemoteFolder } from './remote-folder';

const user = { username: 'crafted@test.local', password: 'crafted-pw' };
const message = (n: number) => ({
  raw: Buffer.from(`Subject: ${n}\r\nMessage-ID: <${n}@crafted>\r\n\r\nbody\r\n`),
  flags: [],
  internalDate: new Date(),
});
/** Names a Dovecot source holds (fixture paths, '/' between levels); `*` and `%` get 2 messages. */
const SEEDED = ['*', '%', 'q"q', 'b\\s', 'Привет', 'Case', 'case', 'a/b', 'a_b', 'L'.repeat(200)];
/** What the server lets no dovecot user create, and in what we do not trust. */
const INSTANCE_ENTRIES = ['dovecot.conf', 'dovecot.log', 'mail', 'passwd', 'run', 'state'];
const MAILDIR_FILES = /^(cur|new|tmp|subscriptions|dovecot[-.][\w.-]+|\..+)$/;
const TOO_LONG = 'n'.repeat(1000);
/** Dovecot lists and serves these, but refuses to CREATE them: only the maildir can hold them. */
const ON_DISK = [['~x'], ['a', '', 'b']];

/** Names other servers list (Dovecot refuses them) as a `delimiter` server would report them. */
function listedElsewhere(delimiter: string): RemoteFolder[] {
  const other = delimiter === '/' ? '.' : '/';
  return ['../x', '..', '.hidden', `a${other}b`, TOO_LONG].map((path) => ({
    path,
    delimiter,
    segments: path.split(delimiter),
    foreign: false,
    noSelect: false,
    subscribed: true,
  }));
}

/** Every mapping created, or refused with the server's own reason; the loop never stops. */
async function createAll(session: ImapSession, destinations: string[]) {
  const refused = new Map<string, string>();
  for (const path of destinations) {
    try {
      await ensureFolder(session, path);
    } catch (error) {
      if (!(error instanceof ImapError)) throw error;
      refused.set(path, error.message);
    }
  }
  return refused;
}

describe.each([
  ['/', '.'],
  ['.', '/'],
] as const)('crafted folder names from a "%s" server to a "%s" server', (from, to) => {
  let source: DovecotServer;
  let destination: DovecotServer;
  let sourceSession: ImapSession;
  let destinationSession: ImapSession;

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [user], separator: from }),
      startDovecot({ users: [user], separator: to }),
    ]);
    await seedMailbox(
      source,
      user,
      SEEDED.map((path, n) => ({
        path,
        messages: path === '*' || path === '%' ? [message(n), message(n + 100)] : [message(n)],
      })),
    );
    for (const segments of ON_DISK) {
      await writeMaildirFolder(source, user.username, segments, [message(0).raw]);
    }
    sourceSession = await openTestSession(source, user);
    destinationSession = await openTestSession(destination, user);
  });
  afterAll(async () => {
    await Promise.all([sourceSession?.close(), destinationSession?.close()]);
    await Promise.all([source?.stop(), destination?.stop()]);
  });

  it('lists every folder once: `*` and `%` are names, not wildcards', async () => {
    const listed = await listFolders(sourceSession, { withCounts: true });
    const paths = listed.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    const seeded = SEEDED.map((p) => p.split('/').join(from));
    const onDisk = ON_DISK.map((segments) => segments.join(from));
    expect(paths).toEqual(expect.arrayContaining([...seeded, ...onDisk]));
    const count = (path: string) => listed.find((f) => f.path === path)?.messages;
    expect([count('*'), count('%'), count('Case'), count('case')]).toEqual([2, 2, 1, 1]);
  });

  it('gives every folder its own destination or the server’s reason, inside the user’s mail', async () => {
    const sourceFolders = [...(await listFolders(sourceSession)), ...listedElsewhere(from)];
    const mappings = planFolderMapping(sourceFolders, await listFolders(destinationSession), {
      prefix: '',
      delimiter: to,
    });
    const target = (path: string) => mappings.find((m) => m.source === path)?.destination;
    const destinations = mappings.map((m) => m.destination.toUpperCase());
    expect(new Set(destinations).size).toBe(destinations.length);
    // A hierarchy stays one; a name holding the other side's delimiter stays one folder.
    expect(target(`a${from}b`)).toBe(`a${to}b`);
    expect(target(`a${to}b`)).toMatch(/^a_b( \(\d\))?$/);
    // An empty level (listed, never creatable) becomes "_" rather than a malformed name.
    expect(target(`a${from}${from}b`)).toBe(`a${to}_${to}b`);
    const cased = [target('Case'), target('case')].map((p) => p?.toUpperCase()).sort();
    expect(cased).toEqual(['CASE', 'CASE (2)']);
    for (const name of ['*', '%', 'q"q', 'b\\s', 'Привет']) expect(target(name)).toBe(name);

    const refused = await createAll(
      destinationSession,
      mappings.map((m) => m.destination),
    );
    expect(Object.fromEntries(refused)).toEqual({
      [TOO_LONG]: expect.stringMatching(/^Folder "n{80}…": The server rejected .*too long/i),
      '~x': expect.stringMatching(/^Folder "~x": The server rejected .*Begins with '~'/),
    });
    const created = (await listFolders(destinationSession)).map((f) => f.path);
    const expected = mappings.map((m) => m.destination).filter((path) => !refused.has(path));
    expect(created).toEqual(expect.arrayContaining(expected));

    const userDir = destination.mailDir(user.username);
    const mailRoot = dirname(userDir);
    expect(await readdir(mailRoot)).toEqual([user.username]);
    expect((await readdir(dirname(mailRoot))).sort()).toEqual(INSTANCE_ENTRIES);
    const strays = (await readdir(userDir)).filter((entry) => !MAILDIR_FILES.test(entry));
    expect(strays).toEqual([]);
  });
});
