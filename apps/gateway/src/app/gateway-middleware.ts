import type { RequestHandler } from 'express';
import { createApiProxies } from './api-proxy';
import { GatewayConfig } from './gateway-config';
import { securityHeaders } from './security-headers';
import { createSpaHandlers } from './spa-static';

/** In order: security headers on everything, the API proxies, then the web app. */
export function gatewayMiddleware(config: GatewayConfig): RequestHandler[] {
  return [
    securityHeaders,
    ...createApiProxies(config.AUTH_URL, config.ORCHESTRATOR_URL),
    ...createSpaHandlers(config.WEB_ROOT),
  ];
}
