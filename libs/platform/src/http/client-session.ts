import { CLIENT_SESSION_COOKIE, CLIENT_SESSION_PATTERN, newClientSession } from '@btsx/contracts';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';

/**
 * One cookie's value from the Cookie header (no cookie middleware runs in our services);
 * undefined when absent or not valid percent-encoding.
 */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decoded(part.slice(at + 1).trim());
  }
  return undefined;
}

export function readClientSession(req: Request): string | undefined {
  const value = readCookie(req, CLIENT_SESSION_COOKIE);
  return value !== undefined && CLIENT_SESSION_PATTERN.test(value) ? value : undefined;
}

/**
 * The request's client session (see CLIENT_SESSION_COOKIE), or a new one set as its cookie:
 * httpOnly, secure when the site is HTTPS, SameSite=Lax (an OAuth provider's redirect back is
 * a top-level GET, which Lax still sends the cookie on). Credential tokens are given to one
 * session and claimed only from it; a pending OAuth sign-in is finished only by it.
 */
export function ensureClientSession(req: Request, res: Response, publicUrl: string): string {
  const existing = readClientSession(req);
  if (existing) return existing;
  const session = newClientSession();
  res.cookie(CLIENT_SESSION_COOKIE, session, {
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(publicUrl).protocol === 'https:',
    path: '/api',
  });
  return session;
}

/**
 * What is kept and compared of a random secret (a client session, a credential token): its
 * SHA-256, base64url. The secret itself never leaves the request that carried it.
 */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** The digest of the request's client session; undefined when it sent none. */
export function clientSessionDigest(req: Request): string | undefined {
  const session = readClientSession(req);
  return session === undefined ? undefined : secretDigest(session);
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
