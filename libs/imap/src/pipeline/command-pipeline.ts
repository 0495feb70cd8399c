import type { Duplex } from 'node:stream';
import { ImapError } from '../errors/imap-error';
import type { CompiledCommand, LiteralBytes, StreamedLiteral } from './compile-command';
import { parseResponse, type ResponseCode } from './parse-response';
import { ResponseReader } from './response-reader';

/** imapflow's own throughput at a distance is bound by one command per round trip; 32 was enough to reach ~83 msg/s at 40 ms. */
export const DEFAULT_MAX_IN_FLIGHT = 32;
/**
 * Bounds the memory held by unanswered commands (their literals sit in socket buffers): a
 * copier's memory is its slots times this, plus the largest message. 16 MiB per round trip is
 * still 400 MB/s per connection at 40 ms.
 */
export const DEFAULT_MAX_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

export interface PipelineLimits {
  maxInFlight: number;
  maxBytesInFlight: number;
  idleTimeoutMs: number;
}

/** The tagged completion of a command, with the untagged responses seen while it ran. */
export interface TaggedReply {
  status: 'OK' | 'NO' | 'BAD';
  code?: ResponseCode;
  text: string;
  untagged: string[];
}

export interface RunOptions {
  /** Keep the untagged lines received while this command was outstanding (SELECT, CAPABILITY). */
  collectUntagged?: boolean;
  /**
   * Sees each untagged response, literals included, while this command is outstanding (a
   * FETCH). Untagged responses name no command, and a server may run two FETCHes at once
   * (Dovecot answered a later, quicker one first), so such a command is written only once
   * no other is outstanding; commands behind it wait with it.
   */
  onUntagged?: (text: string, literals: Buffer[]) => void;
  /** Answers a `+` (AUTHENTICATE); while set, no other command is written until this one ends. */
  onContinuation?: (text: string) => Buffer;
}

interface Command {
  tag: string;
  /** Its place in the order commands were queued: the order an in-order server answers. */
  sequence: number;
  segments: LiteralBytes[][];
  /** A StreamedLiteral is being written: nothing else may go on the wire meanwhile. */
  streaming?: boolean;
  nextSegment: number;
  bytes: number;
  options: RunOptions;
  untagged: string[];
  resolve(reply: TaggedReply): void;
  reject(error: ImapError): void;
}

/**
 * Sends tagged commands over one IMAP connection without waiting for each reply, up to
 * `maxInFlight` commands and `maxBytesInFlight` bytes outstanding, and matches tagged replies to
 * their commands (servers may answer out of order, RFC 3501 section 5.5). A command whose
 * literal is synchronizing holds back every later command until the server's `+`; a stray `+`
 * (a server that sends one for a LITERAL+ literal anyway) is ignored. When the stream ends or
 * fails, every outstanding and queued command is rejected with one connection_lost ImapError.
 */
export class CommandPipeline {
  private readonly reader = new ResponseReader();
  private readonly queue: Command[] = [];
  private readonly inFlight = new Map<string, Command>();
  private bytesInFlight = 0;
  private tagCounter = 0;
  /** The command waiting for a `+` (or running an AUTHENTICATE exchange). */
  private blocked: Command | undefined;
  private failure: ImapError | undefined;
  private paused = false;
  private byeText: string | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private waiters: { ready: () => boolean; resolve: () => void; reject: (e: Error) => void }[] = [];
  /** Sees every untagged response (the greeting arrives before any command). */
  onUntagged: ((text: string) => void) | undefined;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onEnd = () => this.fail(this.lostError('the server closed the connection'));
  private readonly onError = (err: Error & { code?: string }) =>
    this.fail(this.lostError(err.code ?? err.message));

  constructor(
    private readonly stream: Duplex,
    private limits: PipelineLimits,
    private readonly tagPrefix = 'P',
  ) {
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.on('close', this.onEnd);
    stream.on('error', this.onError);
  }

  /** Set once the connection failed; every later run() rejects with it. */
  get error(): ImapError | undefined {
    return this.failure;
  }

  /** Lowers the commands outstanding at once from here on (what the server allows, after login). */
  limitInFlight(maxInFlight: number): void {
    this.limits = { ...this.limits, maxInFlight: Math.min(this.limits.maxInFlight, maxInFlight) };
  }

  get outstanding(): number {
    return this.queue.length + this.inFlight.size;
  }

  /** Queues a command; resolves with its tagged reply, whatever the status. */
  run(command: CompiledCommand, options: RunOptions = {}): Promise<TaggedReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const sequence = ++this.tagCounter;
      this.queue.push({
        tag: `${this.tagPrefix}${sequence}`,
        sequence,
        segments: command.segments,
        nextSegment: 0,
        bytes: command.bytes,
        options,
        untagged: [],
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Resolves once another command would be written at once rather than queued. */
  whenWritable(): Promise<void> {
    return this.waitFor(() => this.queue.length === 0 && this.hasRoom(1));
  }

  /** Resolves once nothing is queued or outstanding; rejects if the connection failed. */
  drain(): Promise<void> {
    return this.waitFor(() => this.outstanding === 0);
  }

  /**
   * Stops taking the server's bytes until resumeReading (the kernel's buffers then push back
   * on the server): a reader whose consumer lags. Its silence is ours, so no idle timeout.
   */
  pauseReading(): void {
    if (this.paused || this.failure) return;
    this.paused = true;
    this.stream.pause();
    this.stopTimer();
  }

  resumeReading(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.failure) return;
    if (this.inFlight.size > 0) this.startTimer();
    this.stream.resume();
  }

  /** Stops reading the stream (before a TLS upgrade takes it over). */
  detach(): void {
    this.stopTimer();
    this.stream.off('data', this.onData);
    this.stream.off('end', this.onEnd);
    this.stream.off('close', this.onEnd);
    this.stream.off('error', this.onError);
  }

  /** Fails everything outstanding with `error` and destroys the stream. */
  fail(error: ImapError): void {
    if (this.failure) return;
    this.failure = error;
    this.stopTimer();
    const pending = [...this.inFlight.values(), ...this.queue];
    this.inFlight.clear();
    this.queue.length = 0;
    this.bytesInFlight = 0;
    for (const command of pending) command.reject(error);
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    this.stream.destroy();
  }

  private waitFor(ready: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ ready, resolve, reject }));
  }

  /** A command always goes when nothing is in flight, so one message over the byte limit still goes. */
  private hasRoom(bytes: number): boolean {
    if (this.inFlight.size === 0) return true;
    return (
      this.inFlight.size < this.limits.maxInFlight &&
      this.bytesInFlight + bytes <= this.limits.maxBytesInFlight
    );
  }

  private pump(): void {
    // One writev per batch of commands instead of a small packet per tag and header.
    this.stream.cork();
    try {
      this.writeQueued();
    } finally {
      this.stream.uncork();
    }
    if (this.inFlight.size > 0 && !this.idleTimer && !this.paused) this.startTimer();
    this.wakeWaiters();
  }

  private writeQueued(): void {
    while (!this.failure && !this.blocked && this.queue.length > 0) {
      const command = this.queue[0];
      if (!this.hasRoom(command.bytes)) break;
      if (command.options.onUntagged && this.untaggedTaken()) break;
      this.queue.shift();
      this.inFlight.set(command.tag, command);
      this.bytesInFlight += command.bytes;
      this.stream.write(`${command.tag} `);
      const complete = this.writeNextSegment(command);
      if (!complete || command.options.onContinuation) this.blocked = command;
    }
  }

  /** Writes the next segment; true once the whole command is written. */
  private writeNextSegment(command: Command): boolean {
    return this.writeChunks(command, command.segments[command.nextSegment++]);
  }

  /**
   * Writes chunks of the current segment; true once the whole command is written. A streamed
   * literal goes on asynchronously (false until it is done: the command stays `blocked`).
   */
  private writeChunks(command: Command, chunks: LiteralBytes[]): boolean {
    for (const [n, chunk] of chunks.entries()) {
      if (!Buffer.isBuffer(chunk)) {
        void this.streamLiteral(command, chunk, chunks.slice(n + 1));
        return false;
      }
      this.stream.write(chunk);
    }
    if (command.nextSegment < command.segments.length) return false;
    // The bytes are in the stream's buffer now; drop our reference to the message.
    command.segments = [];
    command.nextSegment = 0;
    return true;
  }

  /**
   * Writes a literal piece by piece as the socket takes it, then the rest of its segment.
   * A literal that cannot be finished leaves the connection unusable: it fails.
   */
  private async streamLiteral(
    command: Command,
    literal: StreamedLiteral,
    rest: LiteralBytes[],
  ): Promise<void> {
    command.streaming = true;
    let written = 0;
    try {
      for await (const piece of literal.pieces()) {
        if (this.failure) return;
        written += piece.length;
        if (!this.stream.write(piece)) await drainedOrClosed(this.stream);
        // The server is taking the bytes: a slow upload is not a silent server.
        this.restartTimer();
      }
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      return this.fail(new ImapError('protocol', `A message could not be sent: ${text}`, false));
    }
    if (this.failure) return;
    if (written !== literal.length) {
      const text = `A message could not be sent: ${written} of its ${literal.length} bytes were read`;
      return this.fail(new ImapError('protocol', text, false));
    }
    command.streaming = false;
    if (!this.writeChunks(command, rest)) return; // another literal, or a `+` to wait for
    if (this.blocked === command) this.blocked = undefined;
    this.pump();
  }

  private receive(chunk: Buffer): void {
    this.restartTimer();
    try {
      for (const raw of this.reader.push(chunk)) {
        const response = parseResponse(raw);
        if (response.kind === 'continuation') this.continueBlocked(response.text);
        else if (response.kind === 'untagged') this.untagged(response.text, response.literals);
        else this.complete(response.tag, response);
        if (this.failure) return;
      }
    } catch (err) {
      if (err instanceof ImapError) return this.fail(err);
      const text = err instanceof Error ? err.message : String(err);
      this.fail(
        new ImapError(
          'protocol',
          `The server answered in a way this client does not understand: ${text}`,
          false,
        ),
      );
    }
  }

  private continueBlocked(text: string): void {
    const command = this.blocked;
    // A `+` nobody waits for: a server that sends one even for a LITERAL+ literal.
    if (!command || command.streaming) return;
    if (command.options.onContinuation) {
      this.stream.write(command.options.onContinuation(text));
      return;
    }
    if (this.writeNextSegment(command)) {
      this.blocked = undefined;
      this.pump();
    }
  }

  private untagged(text: string, literals: Buffer[]): void {
    if (/^BYE\b/i.test(text)) this.byeText = text.slice(4);
    this.onUntagged?.(text);
    for (const command of this.inFlight.values()) {
      if (command.options.collectUntagged) command.untagged.push(text);
      command.options.onUntagged?.(text, literals);
    }
  }

  private complete(tag: string, reply: Omit<TaggedReply, 'untagged'>): void {
    const command = this.inFlight.get(tag);
    if (!command) return; // not ours (a server echoing a stale tag): nothing to settle
    this.inFlight.delete(tag);
    this.bytesInFlight -= command.bytes;
    // A reply before the `+`: the server refused the command before its literal, so the
    // literal must not be sent (it would be read as a command). A literal being streamed is
    // finished first: the server reads its bytes whatever it answered.
    if (this.blocked === command && !command.streaming) this.blocked = undefined;
    if (this.inFlight.size === 0) this.stopTimer();
    this.forgetEarlierUntagged(command);
    const { status, code, text } = reply;
    command.resolve({ status, code, text, untagged: command.untagged });
    this.pump();
  }

  /**
   * What later commands collected while `done` ran was `done`'s: a server answers a SELECT or
   * an EXAMINE only after the commands before it (RFC 3501 section 5.5), so a pipelined
   * second EXAMINE keeps its own UIDVALIDITY, never the first folder's.
   */
  private forgetEarlierUntagged(done: Command): void {
    for (const later of this.inFlight.values()) {
      if (later.sequence > done.sequence && later.options.collectUntagged) later.untagged = [];
    }
  }

  /** A command that takes untagged responses is outstanding. */
  private untaggedTaken(): boolean {
    for (const command of this.inFlight.values()) if (command.options.onUntagged) return true;
    return false;
  }

  private wakeWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  }

  private lostError(cause: string): ImapError {
    const detail = this.byeText ? `${cause} (${this.byeText})` : cause;
    return new ImapError(
      'connection_lost',
      `The connection to the server was lost: ${detail}`,
      false,
    );
  }

  private startTimer(): void {
    this.idleTimer = setTimeout(() => {
      const message = `The server did not answer in time: no reply for ${this.limits.idleTimeoutMs} ms`;
      this.fail(new ImapError('timeout', message, false));
    }, this.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private restartTimer(): void {
    if (!this.idleTimer || this.paused) return;
    this.stopTimer();
    this.startTimer();
  }

  private stopTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/** Resolves when the stream can take more, or will never again. */
function drainedOrClosed(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
