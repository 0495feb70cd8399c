import { parseOAuthFragment } from '@btsx/contracts';
import { parseSide, returnUrl, safeReturnTo } from './oauth-redirect';

const PUBLIC = 'https://btsx.example';

describe('OAuth redirects', () => {
  it.each([
    ['/', '/'],
    ['/jobs/new?step=2', '/jobs/new?step=2'],
    ['/start#old', '/start'],
  ])('keeps the same-origin path %s', (value, expected) => {
    expect(safeReturnTo(value, PUBLIC)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    'start',
    '/a\nb',
    `/${'x'.repeat(600)}`,
    undefined,
    ['/'],
  ])('refuses %p', (value) => {
    expect(safeReturnTo(value, PUBLIC)).toBeNull();
  });

  it('accepts only the two sides', () => {
    expect(parseSide('source')).toBe('source');
    expect(parseSide('destination')).toBe('destination');
    expect(parseSide('both')).toBeNull();
  });

  it('puts success in the fragment: side, credential id, email', () => {
    const url = returnUrl(PUBLIC, '/start?x=1', {
      ok: true,
      side: 'source',
      credentialId: '8d1c6a7e-3c1f-4c55-9a55-2b4b2a7f1e10',
      email: 'a+b@example.com',
    });
    expect(url).toBe(
      'https://btsx.example/start?x=1#oauth=source:8d1c6a7e-3c1f-4c55-9a55-2b4b2a7f1e10:a%2Bb%40example.com',
    );
    expect(parseOAuthFragment(new URL(url).hash)).toEqual({
      ok: true,
      side: 'source',
      credentialId: '8d1c6a7e-3c1f-4c55-9a55-2b4b2a7f1e10',
      email: 'a+b@example.com',
    });
  });

  it('puts errors in the fragment, colons and all', () => {
    const message = 'Google refused the sign-in: bad: "thing" & more';
    const url = returnUrl(PUBLIC, '/', { ok: false, side: 'destination', message });
    expect(url).toMatch(/^https:\/\/btsx\.example\/#oauthError=destination:/);
    expect(parseOAuthFragment(new URL(url).hash)).toEqual({
      ok: false,
      side: 'destination',
      message,
    });
  });
});
