import type { RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

/**
 * /api/auth/** goes to auth, the rest of /api/** to the orchestrator, paths unchanged.
 * Responses stream through unbuffered, which Server-Sent Events need.
 */
export function createApiProxies(authUrl: string, orchestratorUrl: string): RequestHandler[] {
  const toAuth = createProxyMiddleware({
    target: authUrl,
    pathFilter: (path) => path.startsWith('/api/auth/'),
    xfwd: true,
  });
  const toOrchestrator = createProxyMiddleware({
    target: orchestratorUrl,
    pathFilter: (path) => path.startsWith('/api/') && !path.startsWith('/api/auth/'),
    xfwd: true,
  });
  return [toAuth, toOrchestrator];
}
