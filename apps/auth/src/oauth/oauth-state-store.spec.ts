import { PendingFlow, verdict } from './oauth-state-store';

const FLOW: PendingFlow = {
  provider: 'google',
  side: 'source',
  returnTo: '/',
  binding: 'browser-a',
  verifier: 'v',
};

describe('verdict on a callback', () => {
  it('hands a fresh flow to the browser that started it', () => {
    expect(verdict({ flow: FLOW, used: false }, 'browser-a')).toEqual({ ok: true, flow: FLOW });
  });

  it('refuses a used state as reused', () => {
    expect(verdict({ flow: FLOW, used: true }, 'browser-a')).toEqual({
      ok: false,
      reason: 'reused',
      flow: FLOW,
    });
  });

  it('refuses another browser, and a browser without the cookie, whether used or not', () => {
    for (const used of [false, true]) {
      for (const binding of ['browser-b', undefined]) {
        expect(verdict({ flow: FLOW, used }, binding)).toMatchObject({
          ok: false,
          reason: 'other_browser',
        });
      }
    }
  });

  it('calls a state it does not know (forged, expired) unknown', () => {
    expect(verdict(undefined, 'browser-a')).toEqual({ ok: false, reason: 'unknown' });
  });
});
