import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits: unguessable, so a fast hash of it is as good as a slow one. */
const TOKEN_BYTES = 32;

/** A new random token; the prefix tells a leaked one apart in logs and secret scanners. */
export function newSecretToken(prefix: string): string {
  return `${prefix}_${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Constant-time comparison of two strings of any length. */
export function sameSecret(a: string, b: string): boolean {
  const x = hashToken(a);
  const y = hashToken(b);
  return timingSafeEqual(x, y);
}
