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

/**
 * Splits the server's byte stream into responses. Lines may arrive in any chunking; a line
 * ending in `{N}` continues after N literal bytes, so literals inside untagged responses never
 * desynchronize the stream.
 */
export class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** The response being assembled while its literal bytes arrive. */
  private partial:
    { text: string; literals: Buffer[]; literalBytes: number; responseBytes: number } | undefined;

  /** Feeds bytes; returns every response they complete. Throws on a protocol violation. */
  push(chunk: Buffer): RawResponse[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const responses: RawResponse[] = [];
    for (;;) {
      if (this.partial && this.partial.literalBytes > 0) {
        const need = this.partial.literalBytes;
        if (this.buffer.length < need) break;
        this.partial.literals.push(this.buffer.subarray(0, need));
        this.buffer = this.buffer.subarray(need);
        this.partial.literalBytes = 0;
      }
      const end = this.buffer.indexOf(CRLF);
      if (end < 0) {
        if (this.buffer.length > MAX_LINE_BYTES) {
          throw tooLarge(`a line over ${MAX_LINE_BYTES} bytes`);
        }
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
