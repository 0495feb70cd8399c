/** `{N}`, `{N+}` (RFC 7888) or `~{N}` (RFC 3516) closing a line: N bytes of literal follow. */
const LITERAL_MARKER = /~?\{(\d+)(\+)?\}\r\n$/;
const LF = 0x0a;

/** A piece of the stream; `line` is set when the piece completes a line. */
export interface FramedPiece {
  bytes: Buffer;
  line?: CompletedLine;
}

export interface CompletedLine {
  /** The whole line, CRLF included. */
  text: Buffer;
  /** The literal this line announces, if it ends with one. */
  literal?: { size: number; synchronizing: boolean };
}

/**
 * Splits one direction of an IMAP stream into lines and literals (RFC 3501 section 4.3)
 * without buffering literals: a 60 MB message passes through in the chunks it came in.
 * A command or response ends with a line that announces no literal.
 */
export class ImapFraming {
  private literalLeft = 0;
  private partialLine: Buffer[] = [];
  private inCommand = false;

  /** True between two commands (or responses): nothing of the next one seen yet. */
  get atBoundary(): boolean {
    return this.literalLeft === 0 && this.partialLine.length === 0 && !this.inCommand;
  }

  feed(chunk: Buffer): FramedPiece[] {
    const pieces: FramedPiece[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      this.inCommand = true;
      if (this.literalLeft > 0) {
        const take = Math.min(this.literalLeft, chunk.length - offset);
        pieces.push({ bytes: chunk.subarray(offset, offset + take) });
        this.literalLeft -= take;
        offset += take;
        continue;
      }
      const end = chunk.indexOf(LF, offset);
      if (end < 0) {
        this.partialLine.push(chunk.subarray(offset));
        pieces.push({ bytes: chunk.subarray(offset) });
        break;
      }
      const piece = chunk.subarray(offset, end + 1);
      pieces.push({ bytes: piece, line: this.completeLine(piece) });
      offset = end + 1;
    }
    return pieces;
  }

  private completeLine(lastPiece: Buffer): CompletedLine {
    const text = Buffer.concat([...this.partialLine, lastPiece]);
    this.partialLine = [];
    const match = LITERAL_MARKER.exec(text.subarray(-32).toString('latin1'));
    if (!match) {
      this.inCommand = false;
      return { text };
    }
    this.literalLeft = Number(match[1]);
    return { text, literal: { size: this.literalLeft, synchronizing: !match[2] } };
  }
}

/** Tag and verb of a command's first line: `A12 APPEND ...` → A12, APPEND. */
export function commandHead(line: Buffer): { tag: string; verb: string } {
  const [tag = '', verb = ''] = line.subarray(0, 64).toString('latin1').trim().split(' ');
  return { tag, verb: verb.toUpperCase() };
}
