import type { QuotaWait } from '@btsx/contracts';
import { quotaWaitLine } from './quota-wait-line';

const now = new Date('2026-12-04T10:52:00Z');

describe('quotaWaitLine', () => {
  it.each<[string, QuotaWait, string]>([
    [
      'the provider, the direction and the UTC time, with the wait',
      { provider: 'gmail', direction: 'upload', resumesAt: '2026-12-04T14:05:00Z' },
      "INBOX: Gmail's daily upload limit reached; resuming at 14:05 UTC (in 3h 13m)",
    ],
    [
      'the day when it is another one',
      { provider: 'gmail', direction: 'download', resumesAt: '2026-12-05T09:00:00Z' },
      "INBOX: Gmail's daily download limit reached; resuming at Dec 5 09:00 UTC (in 22h 8m)",
    ],
    [
      'the seconds of a short wait, and which server for a quota the operator set',
      { provider: 'imap', direction: 'upload', resumesAt: '2026-12-04T10:52:07Z' },
      "INBOX: the destination server's daily upload limit reached; resuming at 10:52:07 UTC (in 7s)",
    ],
  ])('names %s', (_, quota, message) => {
    expect(quotaWaitLine('INBOX', quota, now)).toEqual({ level: 'warning', message });
  });
});
