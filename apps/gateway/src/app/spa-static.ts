import { ensureClientSession } from '@btsx/platform';
import express, { RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the gateway answers itself, never with the web app. */
const RESERVED = ['/api/', '/health', '/metrics'];

/**
 * Serves the built web app; any other GET outside RESERVED gets index.html (client routes),
 * with the browser's client session: the page's sign-ins, even two at once, then share it.
 */
export function createSpaHandlers(webRoot: string): RequestHandler[] {
  const root = resolve(webRoot);
  const index = join(root, 'index.html');
  const fallback: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' || RESERVED.some((p) => req.path.startsWith(p))) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run npm run build.');
      return;
    }
    ensureClientSession(req, res);
    res.sendFile(index);
  };
  return [express.static(root, { index: false, maxAge: '1h' }), fallback];
}
