import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { commandHead, ImapFraming } from '../net/imap-framing';

/**
 * What the hostile server does wrong. Everything else it answers as a tiny, one-message IMAP
 * server would: enough for imapflow to log in, list folders and fetch the message.
 */
export type HostileScript =
  /** The greeting never ends: `* OK` and then bytes without CRLF until the client hangs up. */
  | { kind: 'endless-greeting' }
  /** The greeting arrives one byte at a time, `intervalMs` apart, and never ends. */
  | { kind: 'slow-drip'; intervalMs: number }
  /** LOGIN is answered OK; after that, nothing at all. */
  | { kind: 'silent-after-login' }
  /** LIST answers one folder whose line never ends. */
  | { kind: 'endless-list' }
  /** LIST answers this many folders, each name `nameBytes` long (default: short). */
  | { kind: 'many-folders'; count: number; nameBytes?: number }
  /** LIST answers INBOX and a folder whose name is this many bytes long. */
  | { kind: 'long-folder-name'; bytes: number }
  /** A body FETCH announces a literal of 1 GiB and streams it. */
  | { kind: 'huge-literal' }
  /** The message announces `announcedBytes` (RFC822.SIZE) but every partial FETCH comes back full. */
  | { kind: 'pieces-beyond-size'; announcedBytes: number }
  /** Nothing wrong: one INBOX with one 10-byte message. */
  | { kind: 'well-behaved' };

const WELL_BEHAVED: HostileScript = { kind: 'well-behaved' };

export interface HostileImapServer {
  host: string;
  port: number;
  /** Bytes sent to clients so far. */
  readonly bytesSent: number;
  stop(): Promise<void>;
}

const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'x');
const HUGE_LITERAL_BYTES = 1024 ** 3;
const CAPABILITIES = 'IMAP4rev1 LITERAL+ NAMESPACE UIDPLUS AUTH=PLAIN';
/** `BODY[]<0>` or `BODY.PEEK[]<0.2097152>`: a partial fetch asks for `<offset.length>`. */
const PARTIAL = /BODY(?:\.PEEK)?\[\]<(\d+)\.(\d+)>/i;

/**
 * Starts a server on 127.0.0.1 that misbehaves the way `script` says. The first `spare`
 * connections are answered well (a sign-in check before the job the test is about).
 */
export async function startHostileImapServer(
  script: HostileScript,
  options: { spare?: number } = {},
): Promise<HostileImapServer> {
  const sockets = new Set<Socket>();
  let bytesSent = 0;
  let connections = 0;
  const server = createServer((socket) => {
    const spared = ++connections <= (options.spare ?? 0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const send = (data: string | Buffer) => {
      bytesSent += data.length;
      return socket.write(data);
    };
    void new HostileSession(spared ? WELL_BEHAVED : script, socket, send).start();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    get bytesSent() {
      return bytesSent;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Send = (data: string | Buffer) => boolean;

/** One client's connection. */
class HostileSession {
  private readonly framing = new ImapFraming();
  private silent = false;

  constructor(
    private readonly script: HostileScript,
    private readonly socket: Socket,
    private readonly send: Send,
  ) {}

  async start(): Promise<void> {
    if (this.script.kind === 'endless-greeting') return this.endless('* OK ');
    if (this.script.kind === 'slow-drip') return this.drip(this.script.intervalMs);
    this.send(`* OK [CAPABILITY ${CAPABILITIES}] hostile test server ready\r\n`);
    this.socket.on('data', (chunk: Buffer) => {
      for (const piece of this.framing.feed(chunk)) {
        if (piece.line && !piece.line.literal) void this.answer(piece.line.text.toString('latin1'));
      }
    });
  }

  private async answer(line: string): Promise<void> {
    if (this.silent) return;
    const { tag, verb } = commandHead(Buffer.from(line, 'latin1'));
    const args = line.slice(tag.length + verb.length + 2).trim();
    const uid = verb === 'UID';
    const command = uid ? (args.split(' ')[0] ?? '').toUpperCase() : verb;
    if (command === 'LOGIN' || command === 'AUTHENTICATE') {
      if (this.script.kind === 'silent-after-login') this.silent = true;
      this.send(`${tag} OK [CAPABILITY ${CAPABILITIES}] logged in\r\n`);
      return;
    }
    if (command === 'LOGOUT') {
      this.send(`* BYE bye\r\n${tag} OK done\r\n`);
      this.socket.end();
      return;
    }
    if (command === 'NAMESPACE') this.send('* NAMESPACE (("" "/")) NIL NIL\r\n');
    if (command === 'CAPABILITY') this.send(`* CAPABILITY ${CAPABILITIES}\r\n`);
    if (command === 'LIST') await this.list();
    if (command === 'STATUS') this.send('* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 1)\r\n');
    if (command === 'SELECT' || command === 'EXAMINE') this.send(SELECTED);
    if (command === 'FETCH') await this.fetch(args);
    this.send(`${tag} OK done\r\n`);
  }

  private async list(): Promise<void> {
    const entry = (name: string) => `* LIST () "/" "${name}"\r\n`;
    if (this.script.kind === 'endless-list') return this.endless('* LIST () "/" "');
    this.send(entry('INBOX'));
    if (this.script.kind === 'long-folder-name') {
      this.send(entry('x'.repeat(this.script.bytes)));
    }
    if (this.script.kind === 'many-folders') {
      for (let n = 1; n < this.script.count; n++) {
        const name = `folder ${n} `.padEnd(this.script.nameBytes ?? 0, 'x');
        if (!this.send(entry(name))) await this.drained();
      }
    }
  }

  private async fetch(args: string): Promise<void> {
    const partial = PARTIAL.exec(args);
    if (!/BODY(?:\.PEEK)?\[\]/i.test(args)) {
      const size = this.script.kind === 'pieces-beyond-size' ? this.script.announcedBytes : 10;
      this.send(
        `* 1 FETCH (UID 1 FLAGS () RFC822.SIZE ${size} INTERNALDATE "01-Jan-2026 00:00:00 +0000")\r\n`,
      );
      return;
    }
    if (this.script.kind === 'huge-literal') {
      this.send(`* 1 FETCH (UID 1 BODY[] {${HUGE_LITERAL_BYTES}}\r\n`);
      return this.endless('');
    }
    const length = partial ? Number(partial[2]) : 10;
    const section = partial ? `BODY[]<${partial[1]}>` : 'BODY[]';
    this.send(`* 1 FETCH (UID 1 ${section} {${length}}\r\n`);
    await this.stream(length);
    this.send(')\r\n');
  }

  /** `prefix`, then filler bytes until the client hangs up. */
  private async endless(prefix: string): Promise<void> {
    this.send(prefix);
    while (!this.socket.destroyed && !this.socket.writableEnded) {
      if (!this.send(ENDLESS_CHUNK)) await this.drained();
    }
  }

  private async stream(bytes: number): Promise<void> {
    for (let left = bytes; left > 0 && !this.socket.destroyed; left -= ENDLESS_CHUNK.length) {
      const chunk = ENDLESS_CHUNK.subarray(0, Math.min(left, ENDLESS_CHUNK.length));
      if (!this.send(chunk)) await this.drained();
    }
  }

  /** The socket took what was written, or closed. */
  private drained(): Promise<unknown> {
    return Promise.race([once(this.socket, 'drain'), once(this.socket, 'close')]).catch(
      () => undefined,
    );
  }

  private async drip(intervalMs: number): Promise<void> {
    for (const byte of '* OK '.padEnd(1_000_000, 'x')) {
      if (this.socket.destroyed) return;
      this.send(byte);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

const SELECTED = [
  '* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)',
  '* 1 EXISTS',
  '* 0 RECENT',
  '* OK [UIDVALIDITY 1] ok',
  '* OK [UIDNEXT 2] ok',
  '',
].join('\r\n');
