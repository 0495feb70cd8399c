import { type ImapTestServer, startCourier, startCyrus, startDovecot } from '@btsx/testing';
import { randomBytes } from 'node:crypto';
import { ImapError } from '../errors/imap-error';
import { ensureFolder } from '../folders/ensure-folder';
import { appendMessage } from '../messages/append-message';
import { type FolderLetter, readLetters } from '../messages/read-letters';
import type { FolderReader } from '../messages/folder-reader';
import type { ImapSession } from '../session/imap-session';
import { openTestReader, openTestSession } from '../testing/test-sessions';
import type { PipelinedReader } from './pipelined-reader';

const SERVERS: [string, () => Promise<ImapTestServer>][] = [
  ['Dovecot', () => startDovecot({ users: [] })],
  ['Courier', () => startCourier()],
  ['Cyrus', () => startCyrus()],
];

const letter = (id: string) =>
  Buffer.from(`Message-ID: <${id}@reader.test>\r\nSubject: ${id}\r\n\r\nbody of ${id}\r\n`);

/**
 * The letters of a folder as a list, or the kind of error reading it ended with. \Recent is
 * left out: it belongs to the session that first opened the folder, not to the letter.
 */
async function lettersOf(reader: FolderReader, folder: string) {
  const letters: FolderLetter[] = [];
  try {
    for await (const found of readLetters(reader, folder)) {
      letters.push({ ...found, flags: found.flags.filter((flag) => flag !== '\\Recent') });
    }
    return letters;
  } catch (error) {
    return error instanceof ImapError ? error.kind : String(error);
  }
}

describe.each(SERVERS)('PipelinedReader on %s', (_name, start) => {
  let server: ImapTestServer;
  /** The reference: imapflow, one command at a time. */
  let session: ImapSession;
  let reader: PipelinedReader;
  const folders: string[] = [];

  beforeAll(async () => {
    server = await start();
    // Courier's accounts are machine-wide: a name no other test process uses at once.
    const user = {
      username: `reader-${randomBytes(4).toString('hex')}@test.local`,
      password: 'pw',
    };
    await server.addUser(user);
    session = await openTestSession(server, user);
    const { prefix, delimiter } = session.namespaces.personal;
    const named = (name: string) => `${prefix}${name}`.replace(/\//g, delimiter);
    folders.push('INBOX', named('Work'), named('Empty'), named('Work/Old'));
    for (const folder of folders.slice(1)) await ensureFolder(session, folder);
    for (const [n, folder] of [folders[0], folders[1], folders[1], folders[3]].entries()) {
      await appendMessage(
        session,
        folder,
        letter(`m${n}`),
        ['\\Seen'],
        new Date(Date.UTC(2022, 0, n + 1)),
      );
    }
    reader = await openTestReader(server, user);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await reader?.close();
    await server?.stop();
  });

  it('reads several folders at once, each exactly as imapflow reads it, an empty one included', async () => {
    const missing = `${folders[1]}-missing-${randomBytes(2).toString('hex')}`;
    const asked = [...folders, missing];
    // Every read under way at once: each FETCH follows its own folder's EXAMINE on the wire.
    const read = await Promise.all(asked.map((folder) => lettersOf(reader, folder)));
    const expected = [];
    for (const folder of asked) expected.push(await lettersOf(session, folder));

    expect(read).toEqual(expected);
    expect(read.map((letters) => (Array.isArray(letters) ? letters.length : letters))).toEqual([
      1,
      2,
      0,
      1,
      'no_such_folder',
    ]);
  });
});
