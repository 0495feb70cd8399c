import { OAuthStateStore, PendingFlow } from './oauth-state-store';

const TTL_MS = 10 * 60_000;
const FLOW: PendingFlow = {
  provider: 'google',
  side: 'source',
  returnTo: '/',
  binding: 'browser-a',
  verifier: 'v',
};

function storeWithClock() {
  const clock = { now: 1_000_000 };
  return { clock, store: new OAuthStateStore(TTL_MS, () => clock.now) };
}

describe('OAuthStateStore', () => {
  it('issues random, unguessable states', () => {
    const { store } = storeWithClock();
    const a = store.create(FLOW);
    const b = store.create(FLOW);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hands the flow back once, to the browser that started it', () => {
    const { store } = storeWithClock();
    const state = store.create(FLOW);
    expect(store.consume(state, 'browser-a')).toEqual({ ok: true, flow: FLOW });
    expect(store.consume(state, 'browser-a')).toMatchObject({ ok: false, reason: 'reused' });
  });

  it('refuses another browser without using up the state', () => {
    const { store } = storeWithClock();
    const state = store.create(FLOW);
    expect(store.consume(state, 'browser-b')).toMatchObject({ ok: false, reason: 'other_browser' });
    expect(store.consume(state, undefined)).toMatchObject({ ok: false, reason: 'other_browser' });
    expect(store.consume(state, 'browser-a').ok).toBe(true);
  });

  it('forgets states after their TTL', () => {
    const { clock, store } = storeWithClock();
    const state = store.create(FLOW);
    clock.now += TTL_MS - 1;
    expect(store.size).toBe(1);
    clock.now += 1;
    expect(store.consume(state, 'browser-a')).toEqual({ ok: false, reason: 'unknown' });
    expect(store.size).toBe(0);
  });

  it('refuses unknown and missing states', () => {
    const { store } = storeWithClock();
    expect(store.consume('forged', 'browser-a')).toEqual({ ok: false, reason: 'unknown' });
    expect(store.consume(undefined, 'browser-a')).toEqual({ ok: false, reason: 'unknown' });
  });
});
