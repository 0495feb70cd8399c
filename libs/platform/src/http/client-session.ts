import { CLIENT_SESSION_COOKIE, CLIENT_SESSION_PATTERN, newClientSession } from '@btsx/contracts';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { cameOverHttps } from './strict-transport-security';

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
 * httpOnly, Secure when the request came over HTTPS, SameSite=Lax (an OAuth provider's
 * redirect back is a top-level GET, which Lax still sends the cookie on). Credential tokens
 * are given to one session and claimed only from it; a pending OAuth sign-in is finished only
 * by it. The gateway sets it with the web app's page, so two sign-ins the page starts at once
 * share one session.
 */
export function ensureClientSession(req: Request, res: Response): string {
  const existing = readClientSession(req);
  if (existing) return existing;
  const session = newClientSession();
  res.cookie(CLIENT_SESSION_COOKIE, session, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cameOverHttps(req),
    // The whole site: the gateway must see it on every page load, or it would set another.
    path: '/',
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
