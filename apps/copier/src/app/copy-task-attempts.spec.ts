import { DELIVERY_POLICIES } from '@btsx/contracts';
import { ImapError } from '@btsx/imap';
import { attemptsFor as attemptsOf } from '@btsx/platform';

const COPY_TASK = DELIVERY_POLICIES['copy.task'];
const { attempts: COPY_ATTEMPTS, patientAttempts: THROTTLED_ATTEMPTS } = COPY_TASK;
const attemptsFor = (error: unknown) => attemptsOf(error, COPY_TASK);

describe('attemptsFor', () => {
  it('gives a throttled task more deliveries than a task that failed otherwise', () => {
    expect(attemptsFor(new ImapError('throttled', 'busy', false, 1_000))).toBe(THROTTLED_ATTEMPTS);
    expect(attemptsFor(new ImapError('connection_lost', 'cut', false))).toBe(COPY_ATTEMPTS);
    expect(attemptsFor(new Error('anything else'))).toBe(COPY_ATTEMPTS);
    expect(THROTTLED_ATTEMPTS).toBeGreaterThan(COPY_ATTEMPTS);
  });
});
