import { RetentionPeriod } from './retention-period';

describe('RetentionPeriod', () => {
  const week = new RetentionPeriod(7);

  it('expires a job the configured number of days after it ended', () => {
    expect(week.expiresAt(new Date('2026-03-01T10:00:00Z'))?.toISOString()).toBe(
      '2026-03-08T10:00:00.000Z',
    );
  });

  it('does not expire a job that has not ended', () => {
    expect(week.expiresAt(null)).toBeNull();
  });

  it('makes due every job that ended more than the retention before now', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const cutoff = week.cutoff(now);
    expect(cutoff.toISOString()).toBe('2026-03-03T12:00:00.000Z');
    expect(week.expiresAt(cutoff)?.getTime()).toBe(now.getTime());
  });
});
