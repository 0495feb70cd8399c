import { chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { accountIds, isRoot } from '@btsx/runner';
import type { DovecotServer, DovecotUser } from './dovecot-server';
import { withImapSession } from './imap-session';
import type { FixtureMessage } from './mailbox-fixture';
import { SeededRandom } from './seeded-random';

/** A message real mailboxes hold and well-behaved software chokes on. */
export interface HostileMessage extends FixtureMessage {
  name: string;
}

const CRLF = '\r\n';
const ONE_MB = 1024 * 1024;
/** Folded header lines stay under RFC 5322's 998-byte limit. */
const HEADER_LINE_BYTES = 900;
const DATE = new Date('2020-02-02T10:00:00Z');
const BASE64_LINE_CHARS = 76;

function headers(name: string): string[] {
  return [
    'From: Hostile Sender <hostile@corpus.btsx.test>',
    'To: victim@corpus.btsx.test',
    `Subject: hostile ${name}`,
    `Message-ID: <hostile.${name}@corpus.btsx.test>`,
    'Date: Sun, 02 Feb 2020 10:00:00 +0000',
  ];
}

function hostile(name: string, raw: Buffer): HostileMessage {
  return { name, raw, flags: ['\\Seen'], internalDate: DATE };
}

/** Base64 body lines for `bytes` of seeded random data: big, but valid MIME. */
function base64Body(bytes: number, seed: number): string {
  const data = new SeededRandom(seed).bytes(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += BASE64_LINE_CHARS) {
    lines.push(data.slice(i, i + BASE64_LINE_CHARS));
  }
  return lines.join(CRLF);
}

/**
 * The hostile corpus: bare LF line ends, NUL bytes, raw 8-bit headers, broken MIME, a 1 MB
 * header block, a big message (60 MB by default) and an empty message. Each must be copied
 * byte for byte or reported failed with the server's reason, and none may stop its folder.
 */
export function hostileCorpus(options: { bigMessageBytes?: number } = {}): HostileMessage[] {
  const big = options.bigMessageBytes ?? 60 * ONE_MB;
  const text = (name: string, body: string, extra: string[] = []) =>
    [...headers(name), ...extra, '', body].join(CRLF) + CRLF;
  const longHeader = Array.from(
    { length: Math.ceil(ONE_MB / HEADER_LINE_BYTES) },
    (_, i) => `X-Padding-${i}: ${'p'.repeat(HEADER_LINE_BYTES)}`,
  );
  return [
    hostile('bare-lf', Buffer.from([...headers('bare-lf'), '', 'one', 'two', ''].join('\n'))),
    hostile('nul-bytes', Buffer.from(text('nul-bytes', 'before\0after\0\0end'))),
    hostile(
      '8bit-headers',
      Buffer.from(text('8bit-headers', 'Grüße', ['X-Name: Jürgen Müller, 東京, Ωμέγα']), 'utf8'),
    ),
    hostile(
      'broken-mime',
      Buffer.from(
        text(
          'broken-mime',
          ['--nowhere', 'Content-Type: text/plain', '', 'orphan part'].join(CRLF),
          ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="never-closed"'],
        ),
      ),
    ),
    hostile('1mb-header', Buffer.from(text('1mb-header', 'small body', longHeader))),
    hostile(
      'big',
      Buffer.from(
        text('big', base64Body(Math.floor((big * 3) / 4), big), [
          'Content-Type: application/octet-stream',
          'Content-Transfer-Encoding: base64',
        ]),
      ),
    ),
    hostile('empty', Buffer.alloc(0)),
  ];
}

/**
 * Puts each message into the user's INBOX: by APPEND, or, for what the server refuses to take
 * (Dovecot will not APPEND an empty message), as a file dropped into the maildir, the way a
 * message from an older server or a broken import ends up there. Returns the names dropped.
 */
export async function seedHostileMessages(
  server: DovecotServer,
  user: DovecotUser,
  messages: HostileMessage[],
): Promise<string[]> {
  const refused = await withImapSession(server, user, async (client) => {
    const left: HostileMessage[] = [];
    for (const message of messages) {
      const { raw, flags, internalDate } = message;
      await client.append('INBOX', raw, flags, internalDate).catch(() => left.push(message));
    }
    return left;
  });
  for (const message of refused) await dropIntoMaildir(server, user, message);
  return refused.map((m) => m.name);
}

/** A maildir file in cur/ with its flags in the name (`:2,S`); its mtime is the internal date. */
async function dropIntoMaildir(server: DovecotServer, user: DovecotUser, message: HostileMessage) {
  const cur = join(server.mailDir(user.username), 'cur');
  await mkdir(cur, { recursive: true });
  const seen = message.flags.includes('\\Seen') ? 'S' : '';
  const file = join(
    cur,
    `${message.internalDate.getTime() / 1000}.hostile-${message.name}.btsx:2,${seen}`,
  );
  await writeFile(file, message.raw);
  await utimes(file, message.internalDate, message.internalDate);
  if (isRoot()) {
    const { uid, gid } = await accountIds('dovecot');
    await chown(file, uid, gid);
  }
}
