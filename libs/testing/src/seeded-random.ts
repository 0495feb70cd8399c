import { createCipheriv } from 'node:crypto';

const AES_KEY_BYTES = 32;
const AES_IV_BYTES = 16;

/** A small deterministic PRNG (mulberry32): the same seed always yields the same corpus. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Many bytes fast: an AES-CTR keystream keyed from this generator (byte loops in JS are slow). */
  bytes(length: number): Buffer {
    const key = Buffer.from(
      Array.from({ length: AES_KEY_BYTES + AES_IV_BYTES }, () => this.int(0, 255)),
    );
    const cipher = createCipheriv(
      'aes-256-ctr',
      key.subarray(0, AES_KEY_BYTES),
      key.subarray(AES_KEY_BYTES),
    );
    return cipher.update(Buffer.alloc(length));
  }
}
