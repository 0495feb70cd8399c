import { ImapError } from './imap-error';
import { throttleBackoff } from './throttle-backoff';

describe('throttleBackoff', () => {
  const throttled = (retryAfterMs?: number) =>
    new ImapError('throttled', 'The server is throttling requests', false, retryAfterMs);

  it('keeps the suggested wait under the cap', () => {
    expect(throttleBackoff(throttled(30_000), 300_000)?.retryAfterMs).toBe(30_000);
  });

  it('caps a long suggestion', () => {
    expect(throttleBackoff(throttled(900_000), 300_000)?.retryAfterMs).toBe(300_000);
  });

  it('waits a default when the server suggested nothing', () => {
    expect(throttleBackoff(throttled(), 300_000)?.retryAfterMs).toBe(30_000);
  });

  it('leaves other failures alone', () => {
    expect(throttleBackoff(new ImapError('connection_lost', 'x', false), 1)).toBeUndefined();
    expect(throttleBackoff(new Error('x'), 1)).toBeUndefined();
  });
});
