import type { Request, Response } from 'express';
import { STRICT_TRANSPORT_SECURITY, strictTransportSecurity } from './strict-transport-security';

function headerFor(request: Partial<Request>): string | undefined {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  strictTransportSecurity(
    { secure: false, headers: {}, ...request } as Request,
    response as unknown as Response,
    () => undefined,
  );
  return headers['Strict-Transport-Security'];
}

describe('strictTransportSecurity', () => {
  it('is sent on a TLS connection and behind a proxy that says HTTPS first', () => {
    expect(headerFor({ secure: true })).toBe(STRICT_TRANSPORT_SECURITY);
    expect(headerFor({ headers: { 'x-forwarded-proto': 'https' } })).toBe(
      STRICT_TRANSPORT_SECURITY,
    );
    expect(headerFor({ headers: { 'x-forwarded-proto': 'HTTPS,http' } })).toBe(
      STRICT_TRANSPORT_SECURITY,
    );
  });

  it('is not sent over plain HTTP, whatever a later hop says', () => {
    expect(headerFor({})).toBeUndefined();
    expect(headerFor({ headers: { 'x-forwarded-proto': 'http' } })).toBeUndefined();
    expect(headerFor({ headers: { 'x-forwarded-proto': 'http,https' } })).toBeUndefined();
  });
});
