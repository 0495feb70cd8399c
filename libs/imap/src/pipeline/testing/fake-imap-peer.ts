import { Duplex } from 'node:stream';

/** Peers still connected: a test's leftover commands would time out during a later test. */
const connected = new Set<FakeImapPeer>();

/**
 * The server end of an in-memory connection, for unit tests: records what the client writes
 * and sends whatever the test scripts. No IMAP logic of its own.
 */
export class FakeImapPeer {
  private received = Buffer.alloc(0);
  readonly stream: Duplex;

  constructor() {
    connected.add(this);
    this.stream = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, done) => {
        this.received = Buffer.concat([this.received, chunk]);
        done();
      },
    });
  }

  /** Everything the client wrote so far, as text. */
  get written(): string {
    return this.received.toString('latin1');
  }

  /** The tags of the commands the client started, in order (`P1 APPEND ...` -> P1). */
  get tags(): string[] {
    return [...this.written.matchAll(/(?:^|\r\n)(P\d+) [A-Z]/g)].map((m) => m[1]);
  }

  /** Sends lines (CRLF added). */
  send(...lines: string[]): void {
    this.stream.push(Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'latin1'));
  }

  sendRaw(bytes: string): void {
    this.stream.push(Buffer.from(bytes, 'latin1'));
  }

  /** The server hangs up. */
  hangUp(): void {
    connected.delete(this);
    this.stream.push(null);
    this.stream.destroy();
  }
}

/**
 * Hangs up every peer a test left connected (afterEach): otherwise its unanswered commands
 * time out a minute later, in the middle of whatever test the worker runs then.
 */
export function hangUpEveryPeer(): void {
  for (const peer of [...connected]) peer.hangUp();
}

/** A command a test sends without awaiting: its failure when the peer hangs up is expected. */
export function unawaited(result: Promise<unknown>): void {
  result.catch(() => undefined);
}

/** Lets queued writes and pushes go through the stream before a test looks. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
