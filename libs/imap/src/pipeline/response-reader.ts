import {
  MAX_LINE_BYTES,
  MAX_LITERAL_BYTES,
  MAX_RESPONSE_BYTES,
} from '../connection/connect-options';
import { ImapError } from '../errors/imap-error';

/** One server response with its literals cut out (the text keeps the `{N}` markers). */
export interface RawResponse {
  text: string;
  literals: Buffer[];
}

/** The server sent more than any mailbox needs (the limits imapflow sessions have too). */
const tooLarge = (what: string) =>
  new ImapError(
    'protocol',
    `The server sent a response larger than any mailbox needs: ${what}`,
    true,
  );

/** `{123}` at the end of a line announces a literal of 123 bytes (RFC 3501 section 4.3). */
const LITERAL_MARKER = /\{(\d+)\}$/;
const CRLF = Buffer.from('\r\n');
const LF = 0x0a;

/**
 * Splits the server's byte stream into responses. Lines may arrive in any chunking; a line
 * ending in `{N}` continues after N literal bytes, so literals inside untagged responses never
 * desynchronize the stream.
 */
export class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  /**
   * Chunks that cannot complete a line or literal yet, joined once when one can: appending
   * each chunk to the buffer would copy a 4 MB literal's bytes once per 64 KB chunk.
   */
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  /** The response being assembled while its literal bytes arrive. */
  private partial:
    | {
        text: string;
        literals: Buffer[];
        /** Undefined once the literal is in (a literal may be empty: `{0}`). */
        literalBytes: number | undefined;
        responseBytes: number;
      }
    | undefined;

  /** Feeds bytes; returns every response they complete. Throws on a protocol violation. */
  push(chunk: Buffer): RawResponse[] {
    this.waiting.push(chunk);
    this.waitingBytes += chunk.length;
    if (this.awaitsMore(chunk)) return [];
    const parts = this.buffer.length ? [this.buffer, ...this.waiting] : this.waiting;
    this.buffer = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    this.waiting = [];
    this.waitingBytes = 0;
    return this.readResponses();
  }

  /** True while the awaited literal is incomplete, or no line can end (a line ends in LF). */
  private awaitsMore(chunk: Buffer): boolean {
    const unread = this.buffer.length + this.waitingBytes;
    const literalBytes = this.partial?.literalBytes;
    if (literalBytes !== undefined) return unread < literalBytes;
    if (chunk.includes(LF)) return false;
    checkLineLength(unread);
    return true;
  }

  private readResponses(): RawResponse[] {
    const responses: RawResponse[] = [];
    for (;;) {
      const need = this.partial?.literalBytes;
      if (this.partial && need !== undefined) {
        if (this.buffer.length < need) break;
        this.partial.literals.push(this.buffer.subarray(0, need));
        this.buffer = this.buffer.subarray(need);
        this.partial.literalBytes = undefined;
      }
      const end = this.buffer.indexOf(CRLF);
      if (end < 0) {
        checkLineLength(this.buffer.length);
        break;
      }
      const line = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + CRLF.length);
      const text = (this.partial?.text ?? '') + line;
      const literals = this.partial?.literals ?? [];
      const marker = line.match(LITERAL_MARKER);
      if (marker) {
        const literalBytes = Number(marker[1]);
        if (literalBytes > MAX_LITERAL_BYTES) {
          throw tooLarge(`a literal of ${literalBytes} bytes`);
        }
        // Many literals in one response add up, as imapflow's maxResponseSize counts them.
        const responseBytes = (this.partial?.responseBytes ?? 0) + end + literalBytes;
        if (responseBytes > MAX_RESPONSE_BYTES) {
          throw tooLarge(`a response over ${MAX_RESPONSE_BYTES} bytes`);
        }
        this.partial = { text, literals, literalBytes, responseBytes };
        continue;
      }
      this.partial = undefined;
      responses.push({ text, literals });
    }
    return responses;
  }
}

/** Throws for a line that has grown past the limit without its CRLF. */
function checkLineLength(bytes: number): void {
  if (bytes > MAX_LINE_BYTES) throw tooLarge(`a line over ${MAX_LINE_BYTES} bytes`);
}
