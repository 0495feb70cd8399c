import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

/** Binds a pending sign-in to the browser that started it. */
export const OAUTH_COOKIE = 'btsx_oauth';
const COOKIE_PATH = '/api/auth/oauth';
const BINDING_BYTES = 32;
const BINDING_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function readBinding(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (name === OAUTH_COOKIE && BINDING_PATTERN.test(value)) return value;
  }
  return undefined;
}

/**
 * The browser's binding, set (or renewed) as an httpOnly cookie. SameSite=Lax: the
 * provider's redirect back is a top-level GET, which Lax still sends the cookie on.
 */
export function ensureBinding(
  req: Request,
  res: Response,
  publicUrl: string,
  ttlMs: number,
): string {
  const binding = readBinding(req) ?? randomBytes(BINDING_BYTES).toString('base64url');
  res.cookie(OAUTH_COOKIE, binding, {
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(publicUrl).protocol === 'https:',
    path: COOKIE_PATH,
    maxAge: ttlMs,
  });
  return binding;
}
