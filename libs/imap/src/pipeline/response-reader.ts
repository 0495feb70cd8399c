/** One server response with its literals cut out (the text keeps the `{N}` markers). */
export interface RawResponse {
  text: string;
  literals: Buffer[];
}

/**
 * A server line without CRLF longer than this is a broken or hostile peer: the replies an
 * appender reads (tagged OK/NO, EXISTS, CAPABILITY) are far shorter.
 */
export const MAX_RESPONSE_LINE_BYTES = 1024 * 1024;
/** Literals in untagged responses (a FETCH body we did not ask for) are capped likewise. */
export const MAX_RESPONSE_LITERAL_BYTES = 64 * 1024 * 1024;

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
  private partial: { text: string; literals: Buffer[]; literalBytes: number } | undefined;

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
        if (this.buffer.length > MAX_RESPONSE_LINE_BYTES) {
          throw new Error('The server sent a response line that never ends');
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
        if (literalBytes > MAX_RESPONSE_LITERAL_BYTES) {
          throw new Error(`The server announced a ${literalBytes}-byte literal`);
        }
        this.partial = { text, literals, literalBytes };
        continue;
      }
      this.partial = undefined;
      responses.push({ text, literals });
    }
    return responses;
  }
}
