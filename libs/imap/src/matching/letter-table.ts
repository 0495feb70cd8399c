import { createHash } from 'node:crypto';
import type { Letter } from './letter-matcher';
import type { MessageDigest } from './message-digest';

/** 128 bits of SHA-256 name an identity: equal keys for different identities do not happen. */
const KEY_WORDS = 4;
/**
 * Of each of a letter's two SHA-256 digests the table keeps 128 bits: two different letters
 * would need about 2^64 letters to share them by chance, and a folder side of 200,000
 * letters keeps its digests in 6 MB.
 */
const KEPT_DIGEST_BYTES = 16;
const FIRST_CAPACITY = 1024;

/** A letter of a table: its identity is its key, in hex. */
export interface TableLetter extends Letter {
  flags: readonly string[];
}

/**
 * The letters of one side of a folder, in columns of typed arrays (about 40 bytes a letter,
 * 72 with digests) rather than an object and strings each: the audit of a folder of 200,000
 * messages holds both sides in a few megabytes. Letters are added in any order, then
 * `seal()` sorts them by identity so that both sides can be walked side by side, and trims
 * the columns to the letters they hold.
 */
export class LetterTable {
  private size = 0;
  private uids = new Uint32Array(FIRST_CAPACITY);
  private sizes = new Float64Array(FIRST_CAPACITY);
  private flagIds = new Uint32Array(FIRST_CAPACITY);
  private keys = new Uint32Array(FIRST_CAPACITY * KEY_WORDS);
  private digests: Uint8Array | undefined;
  private digested: Uint8Array | undefined;
  private readonly taken = new Set<number>();
  /** Each distinct flag set once: a mailbox has a few dozen, not one per letter. */
  private readonly flagSets: string[][] = [];
  private readonly flagSetIds = new Map<string, number>();
  private byKey: Uint32Array | undefined;
  private byUid: Uint32Array | undefined;

  get length(): number {
    return this.size;
  }

  add(letter: { uid: number; identity: string; size: number; flags: readonly string[] }): void {
    if (this.byKey) throw new Error('A sealed letter table takes no more letters');
    if (this.size === this.uids.length) this.grow();
    const row = this.size++;
    this.uids[row] = letter.uid;
    this.sizes[row] = letter.size;
    this.flagIds[row] = this.flagSetId(letter.flags);
    const key = createHash('sha256').update(letter.identity).digest();
    for (let w = 0; w < KEY_WORDS; w++) this.keys[row * KEY_WORDS + w] = key.readUInt32BE(w * 4);
  }

  /** Sorts by identity (and by UID within one), for groups() and find(). */
  seal(): this {
    this.uids = this.uids.slice(0, this.size);
    this.sizes = this.sizes.slice(0, this.size);
    this.flagIds = this.flagIds.slice(0, this.size);
    this.keys = this.keys.slice(0, this.size * KEY_WORDS);
    const rows = Uint32Array.from({ length: this.size }, (_, i) => i);
    this.byKey = rows.sort((a, b) => this.compareKeys(a, b) || this.uids[a] - this.uids[b]);
    this.byUid = Uint32Array.from(rows).sort((a, b) => this.uids[a] - this.uids[b]);
    return this;
  }

  letter(row: number): TableLetter {
    return {
      uid: this.uids[row],
      identity: this.keyHex(row),
      size: this.sizes[row],
      flags: this.flagSets[this.flagIds[row]],
    };
  }

  /** Runs of rows with one identity, in key order (the table must be sealed). */
  *groups(): Generator<{ key: string; rows: number[] }> {
    const order = this.sealed();
    for (let i = 0; i < order.length;) {
      let j = i + 1;
      while (j < order.length && this.compareKeys(order[i], order[j]) === 0) j++;
      yield { key: this.keyHex(order[i]), rows: Array.from(order.subarray(i, j)) };
      i = j;
    }
  }

  /** Rows of letters with this identity key (identityKey) that nobody took yet, in UID order. */
  find(key: string): number[] {
    const order = this.sealed();
    const bytes = Buffer.from(key, 'hex');
    const words = Array.from({ length: KEY_WORDS }, (_, w) => bytes.readUInt32BE(w * 4));
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compareKeyTo(order[mid], words) < 0) low = mid + 1;
      else high = mid;
    }
    const rows: number[] = [];
    for (let i = low; i < order.length && this.compareKeyTo(order[i], words) === 0; i++) {
      if (!this.taken.has(order[i])) rows.push(order[i]);
    }
    return rows;
  }

  /** The letter at `row` is spoken for: find() no longer offers it. */
  take(row: number): void {
    this.taken.add(row);
  }

  /** The row of a UID, or -1 (the table must be sealed). */
  rowOf(uid: number): number {
    const order = this.byUid ?? this.sealed();
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.uids[order[mid]] < uid) low = mid + 1;
      else high = mid;
    }
    return low < order.length && this.uids[order[low]] === uid ? order[low] : -1;
  }

  /** The UID and size of the letter at `row`, without the rest: what a digest fetch needs. */
  uidAndSize(row: number): { uid: number; size: number } {
    return { uid: this.uids[row], size: this.sizes[row] };
  }

  /** Keeps the letter's digests (128 bits of each); the table must be sealed. */
  setDigest(row: number, digest: MessageDigest): void {
    const per = KEPT_DIGEST_BYTES * 2;
    this.digests ??= new Uint8Array(this.size * per);
    this.digested ??= new Uint8Array(this.size);
    this.digests.set(digest.sha256.subarray(0, KEPT_DIGEST_BYTES), row * per);
    this.digests.set(
      digest.canonical.subarray(0, KEPT_DIGEST_BYTES),
      row * per + KEPT_DIGEST_BYTES,
    );
    this.digested[row] = 1;
  }

  /** The digests kept for `row` (128 bits each): compare them only with another table's. */
  digest(row: number): MessageDigest | undefined {
    if (!this.digests || !this.digested?.[row]) return undefined;
    const per = KEPT_DIGEST_BYTES * 2;
    const bytes = Buffer.from(this.digests.buffer, this.digests.byteOffset + row * per, per);
    return {
      sha256: bytes.subarray(0, KEPT_DIGEST_BYTES),
      canonical: bytes.subarray(KEPT_DIGEST_BYTES),
    };
  }

  private sealed(): Uint32Array {
    if (!this.byKey) throw new Error('Seal the letter table before reading it by identity');
    return this.byKey;
  }

  private flagSetId(flags: readonly string[]): number {
    const name = [...flags].sort().join(' ');
    let id = this.flagSetIds.get(name);
    if (id === undefined) {
      id = this.flagSets.push([...flags]) - 1;
      this.flagSetIds.set(name, id);
    }
    return id;
  }

  private compareKeys(a: number, b: number): number {
    for (let w = 0; w < KEY_WORDS; w++) {
      const d = this.keys[a * KEY_WORDS + w] - this.keys[b * KEY_WORDS + w];
      if (d !== 0) return d;
    }
    return 0;
  }

  private compareKeyTo(row: number, words: number[]): number {
    for (let w = 0; w < KEY_WORDS; w++) {
      const d = this.keys[row * KEY_WORDS + w] - words[w];
      if (d !== 0) return d;
    }
    return 0;
  }

  private keyHex(row: number): string {
    const words = this.keys.subarray(row * KEY_WORDS, row * KEY_WORDS + KEY_WORDS);
    return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
  }

  private grow(): void {
    const capacity = this.uids.length * 2;
    const grown = <T extends Uint32Array | Float64Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
      per = 1,
    ) => {
      const next = make(capacity * per);
      next.set(old);
      return next;
    };
    this.uids = grown(this.uids, (n) => new Uint32Array(n));
    this.sizes = grown(this.sizes, (n) => new Float64Array(n));
    this.flagIds = grown(this.flagIds, (n) => new Uint32Array(n));
    this.keys = grown(this.keys, (n) => new Uint32Array(n), KEY_WORDS);
  }
}

/** The key a table gives an identity, in hex: how table letters name it. */
export function identityKey(identity: string): string {
  return createHash('sha256')
    .update(identity)
    .digest()
    .subarray(0, KEY_WORDS * 4)
    .toString('hex');
}
