/**
 * Refresh when less than this is left, and never hand out a token with less: a worker
 * that just got a token has minutes for its LOGIN even when its request queued.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface TokenLifetime {
  /** When the current access token was issued (by our clock, at the exchange). */
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * The margin, shrunk for tokens that live shorter than twice the margin (test servers, or
 * a provider policy of a few minutes): otherwise every resolve would refresh.
 */
export function effectiveMarginMs(token: TokenLifetime, marginMs = REFRESH_MARGIN_MS): number {
  const lifetime = token.expiresAt.getTime() - token.issuedAt.getTime();
  return Math.max(0, Math.min(marginMs, lifetime / 2));
}

/** True when the access token must be refreshed before it is handed out. */
export function refreshDue(
  token: TokenLifetime,
  now: number,
  marginMs = REFRESH_MARGIN_MS,
): boolean {
  return token.expiresAt.getTime() - now <= effectiveMarginMs(token, marginMs);
}

/** When a token from a response with `expires_in` (seconds) expires. */
export function expiryOf(issuedAt: number, expiresInSeconds: unknown): Date {
  const seconds = Number(expiresInSeconds);
  // RFC 6749 §5.1: expires_in is RECOMMENDED, not required; an hour is every provider's default.
  const DEFAULT_EXPIRES_IN_SECONDS = 3600;
  const valid = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_EXPIRES_IN_SECONDS;
  return new Date(issuedAt + valid * 1000);
}
