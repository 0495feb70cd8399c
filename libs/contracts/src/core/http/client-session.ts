/**
 * The client session a credential token belongs to: a random value in the `btsx_client`
 * cookie. Auth sets it for a browser; a client that is no browser (the CLI) picks its own
 * with newClientSession and sends it as that cookie on every request.
 */
export const CLIENT_SESSION_COOKIE = 'btsx_client';
export const CLIENT_SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url (Node and browsers alike). */
export function newClientSession(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The Cookie header value that presents `session`. */
export function clientSessionCookie(session: string): string {
  return `${CLIENT_SESSION_COOKIE}=${session}`;
}
