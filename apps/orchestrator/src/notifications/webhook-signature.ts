import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits, the HMAC-SHA256 block's worth of key strength. */
const SECRET_BYTES = 32;
const SCHEME = 'sha256=';

/** A new webhook secret: `whsec_` and 43 base64url characters. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/**
 * The signature header's value: HMAC-SHA256 of `<timestamp>.<raw body>`. The timestamp is
 * signed too, so a captured request cannot be replayed later under a new one.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return SCHEME + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does (docs/security.md): recompute and compare in constant time. */
export function verifyWebhook(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
