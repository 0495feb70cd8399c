import { createHash, type Hash } from 'node:crypto';

/**
 * What a message's bytes are, in two forms: `sha256` of the bytes as stored, and `canonical`,
 * a SHA-256 of the bytes with the rewrites servers are known to make undone: raw 8-bit bytes
 * and NULs in the header replaced by `X` (Cyrus's munge8bit), every line ending made CRLF
 * (servers that store LF or refuse bare LF), NUL and 0x80 dropped from the body (Dovecot
 * stores a NUL as 0x80, others drop it). Equal `sha256`: the same letter byte for byte; equal
 * `canonical` only: the same letter, rewritten by a server.
 */
export interface MessageDigest {
  sha256: Buffer;
  canonical: Buffer;
}

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const X = 0x58;
const FIRST_8BIT = 0x80;

/**
 * What the canonical form rewrites in a body: a CR without its LF, an LF without its CR, a
 * NUL, and 0x80, which Dovecot stores for a NUL.
 */
const ANOMALY = /\r(?!\n)|(?<!\r)\n|\0|\x80/g;
const CANONICAL: Record<string, string> = {
  '\r': '\r\n',
  '\n': '\r\n',
  '\0': '',
  '\x80': '',
};

/**
 * Rewrites a message into its canonical form piece by piece. The header (a few hundred
 * bytes) goes byte by byte; the body, which only line endings and NULs can change, is
 * searched with a regular expression and hashed as it is when nothing needs rewriting.
 */
class Canonicalizer {
  private inHeader = true;
  private pendingCr = false;
  private lineEmpty = true;
  /** A body piece's last CR waits for the next piece: its LF may start that one. */
  private carry: Buffer | undefined;

  constructor(private readonly hash: Hash) {}

  update(piece: Buffer): void {
    const rest = this.inHeader ? piece.subarray(this.header(piece)) : piece;
    if (!this.inHeader && rest.length > 0) this.body(rest);
  }

  digest(): Buffer {
    if (this.pendingCr) this.hash.update(CRLF);
    if (this.carry) this.hash.update(canonicalText(this.carry));
    return this.hash.digest();
  }

  /** Header bytes up to and including the empty line; returns where the body starts. */
  private header(piece: Buffer): number {
    const out = Buffer.allocUnsafe(piece.length * 2);
    let n = 0;
    let i = 0;
    for (; i < piece.length && (this.inHeader || this.pendingCr); i++) {
      const byte = piece[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        n = this.endLine(out, n);
        if (byte === LF) continue;
        if (!this.inHeader) break;
      }
      if (byte === CR) this.pendingCr = true;
      else if (byte === LF) n = this.endLine(out, n);
      else {
        out[n++] = byte >= FIRST_8BIT || byte === NUL ? X : byte;
        this.lineEmpty = false;
      }
    }
    this.hash.update(out.subarray(0, n));
    return i;
  }

  private endLine(out: Buffer, n: number): number {
    out[n++] = CR;
    out[n++] = LF;
    // The first empty line ends the header (RFC 5322 section 2.1).
    if (this.lineEmpty) this.inHeader = false;
    this.lineEmpty = true;
    return n;
  }

  private body(piece: Buffer): void {
    const joined = this.carry ? Buffer.concat([this.carry, piece]) : piece;
    const endsInCr = joined[joined.length - 1] === CR;
    this.carry = endsInCr ? joined.subarray(joined.length - 1) : undefined;
    this.hash.update(canonicalText(endsInCr ? joined.subarray(0, joined.length - 1) : joined));
  }
}

const CRLF = Buffer.from('\r\n');

function canonicalText(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  ANOMALY.lastIndex = 0;
  if (!ANOMALY.test(text)) return bytes;
  return Buffer.from(
    text.replace(ANOMALY, (found) => CANONICAL[found]),
    'latin1',
  );
}

/** Both digests of a message, read once, piece by piece (memory: one piece). */
export async function digestMessage(
  pieces: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<MessageDigest> {
  const sha256 = createHash('sha256');
  const canonical = new Canonicalizer(createHash('sha256'));
  for await (const piece of pieces) {
    sha256.update(piece);
    canonical.update(piece);
  }
  return { sha256: sha256.digest(), canonical: canonical.digest() };
}

export function sameBytes(a: MessageDigest, b: MessageDigest): boolean {
  return a.sha256.equals(b.sha256);
}

export function sameCanonical(a: MessageDigest, b: MessageDigest): boolean {
  return a.canonical.equals(b.canonical);
}
