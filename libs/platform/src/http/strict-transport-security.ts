import type { Request, RequestHandler } from 'express';

/** One year, the usual HSTS lifetime; no includeSubDomains: other hosts are not ours to pin. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Whether the browser's request came over HTTPS: on a TLS socket, or through the
 * TLS-terminating proxy in front of the gateway, whose X-Forwarded-Proto comes first (the
 * gateway appends its own hop for the services behind it). A forged header is harmless:
 * browsers ignore Strict-Transport-Security received over plain HTTP (RFC 6797, 8.1).
 */
export function cameOverHttps(request: Request): boolean {
  if (request.secure) return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0];
  return first?.trim().toLowerCase() === 'https';
}

/** Tells a browser that reached us over HTTPS never to use plain HTTP for this host again. */
export const strictTransportSecurity: RequestHandler = (request, response, next) => {
  if (cameOverHttps(request)) {
    response.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  }
  next();
};
