import { ImapError } from '@btsx/imap';
import { attemptsFor, COPY_ATTEMPTS, THROTTLED_ATTEMPTS } from './copy-task.handlers';

describe('attemptsFor', () => {
  it('gives a throttled task more deliveries than a task that failed otherwise', () => {
    expect(attemptsFor(new ImapError('throttled', 'busy', false, 1_000))).toBe(THROTTLED_ATTEMPTS);
    expect(attemptsFor(new ImapError('connection_lost', 'cut', false))).toBe(COPY_ATTEMPTS);
    expect(attemptsFor(new Error('anything else'))).toBe(COPY_ATTEMPTS);
    expect(THROTTLED_ATTEMPTS).toBeGreaterThan(COPY_ATTEMPTS);
  });
});
