import { connect, type Socket } from 'node:net';
import type { ImapTestUser } from './imap-test-server';

/** Budget for one command's reply: test servers answer in milliseconds. */
const REPLY_TIMEOUT_MS = 10_000;

/** A command's untagged lines and its tagged status line. */
export interface RawReply {
  untagged: string[];
  status: string;
}

/** Quotes an IMAP string argument (RFC 3501 quoted: backslash and quote escaped). */
export const quoted = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/** Reads lines as they come; each waiter takes the next line. */
function lineReader(socket: Socket): () => Promise<string> {
  let buffered = '';
  const lines: string[] = [];
  let waiting: ((line: string) => void) | undefined;
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    for (let at = buffered.indexOf('\r\n'); at >= 0; at = buffered.indexOf('\r\n')) {
      lines.push(buffered.slice(0, at));
      buffered = buffered.slice(at + 2);
    }
    if (waiting && lines.length) waiting(lines.shift() ?? '');
  });
  return () =>
    new Promise((resolve, reject) => {
      if (lines.length) return resolve(lines.shift() ?? '');
      const timer = setTimeout(() => reject(new Error('no IMAP reply in time')), REPLY_TIMEOUT_MS);
      waiting = (line) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(line);
      };
    });
}

/**
 * Logs in and runs `commands` one by one (each waits for its tagged reply, as Courier
 * needs), without a client library's guesses: for admin commands imapflow lacks (SETACL) and
 * for replies exactly as sent (NAMESPACE). Throws on the first reply that is not OK.
 */
export async function runImapCommands(
  server: { host: string; port: number },
  user: ImapTestUser,
  commands: string[],
): Promise<RawReply[]> {
  const socket = connect({ host: server.host, port: server.port });
  const nextLine = lineReader(socket);
  const failed = new Promise<never>((_, reject) => socket.once('error', reject));
  const run = async (tag: string, command: string): Promise<RawReply> => {
    socket.write(`${tag} ${command}\r\n`);
    const untagged: string[] = [];
    for (let line = await nextLine(); ; line = await nextLine()) {
      if (!line.startsWith(`${tag} `)) untagged.push(line);
      else if (line.startsWith(`${tag} OK`)) return { untagged, status: line };
      else throw new Error(`${command.split(' ')[0]} failed: ${line}`);
    }
  };
  const session = async (): Promise<RawReply[]> => {
    await nextLine(); // the greeting
    await run('a0', `LOGIN ${quoted(user.username)} ${quoted(user.password)}`);
    const replies: RawReply[] = [];
    for (const [n, command] of commands.entries()) replies.push(await run(`a${n + 1}`, command));
    await run('z', 'LOGOUT');
    return replies;
  };
  try {
    return await Promise.race([session(), failed]);
  } finally {
    socket.destroy();
  }
}
