import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Long enough to type a password and a second factor at the provider. */
export const PENDING_SIGN_IN_TTL_MS = 10 * 60_000;
/** 32 random bytes: state and nonce unguessable, the PKCE verifier of RFC 7636's advised size. */
const RANDOM_BYTES = 32;

/** One sign-in under way, kept in the browser's cookie between start and callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function newPendingSignIn(now = Date.now()): PendingSignIn {
  const random = () => randomBytes(RANDOM_BYTES).toString('base64url');
  return {
    state: random(),
    nonce: random(),
    codeVerifier: random(),
    expiresAt: now + PENDING_SIGN_IN_TTL_MS,
  };
}

/** RFC 7636 §4.2, S256. */
export function codeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/**
 * Seals pending sign-ins into a cookie value with an HMAC, under a key derived from the
 * client secret: every replica shares it and nothing else needs storing. The state then
 * ties the callback to the browser that started the sign-in (login CSRF), and nobody can
 * choose the nonce or verifier a callback is checked against.
 */
export class PendingSignInSeal {
  private readonly key: Buffer;

  constructor(clientSecret: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', clientSecret, 'btsx', 'admin-sso pending sign-in', 32),
    );
  }

  seal(pending: PendingSignIn): string {
    const body = Buffer.from(JSON.stringify(pending)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The pending sign-in in the cookie, or null when it is missing, forged or expired. */
  open(value: string | undefined, now = Date.now()): PendingSignIn | null {
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const pending = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PendingSignIn;
    return pending.expiresAt > now ? pending : null;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
