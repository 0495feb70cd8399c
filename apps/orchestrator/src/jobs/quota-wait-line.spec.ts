import { quotaWaitLine } from './quota-wait-line';

const now = new Date('2026-12-04T10:52:00Z');

describe('quotaWaitLine', () => {
  it('names the provider, the direction and the UTC time the folder resumes, with the wait', () => {
    const quota = {
      provider: 'gmail',
      direction: 'upload',
      resumesAt: '2026-12-04T14:05:00Z',
    } as const;
    expect(quotaWaitLine('INBOX', quota, now)).toEqual({
      level: 'warning',
      message: "INBOX: Gmail's daily upload limit reached; resuming at 14:05 UTC (in 3h 13m)",
    });
  });

  it('gives the day when the folder resumes on another one, the seconds for a short wait', () => {
    const tomorrow = {
      provider: 'gmail',
      direction: 'download',
      resumesAt: '2026-12-05T09:00:00Z',
    } as const;
    expect(quotaWaitLine('Sent', tomorrow, now).message).toBe(
      "Sent: Gmail's daily download limit reached; resuming at Dec 5 09:00 UTC (in 22h 8m)",
    );
    const soon = {
      provider: 'imap',
      direction: 'upload',
      resumesAt: '2026-12-04T10:52:07Z',
    } as const;
    expect(quotaWaitLine('INBOX', soon, now).message).toBe(
      "INBOX: the destination server's daily upload limit reached; resuming at 10:52:07 UTC (in 7s)",
    );
  });
});
