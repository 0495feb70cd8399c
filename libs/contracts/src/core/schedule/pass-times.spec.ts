import { nextPassAfter, passSlot, scheduleEnd } from './pass-times';
import { DAY_MS, HOUR_MS, parseZonedDateTime, wallToInstant } from './zoned-time';
const at = (iso: string) => new Date(iso);

describe('zoned date-times', () => {
  it('reads a wall-clock time in the zone, summer and winter', () => {
    expect(parseZonedDateTime('2026-12-05T20:00', 'Europe/Berlin')).toEqual(
      at('2026-12-05T19:00:00Z'),
    );
    expect(parseZonedDateTime('2026-07-05T20:00', 'Europe/Berlin')).toEqual(
      at('2026-07-05T18:00:00Z'),
    );
    expect(parseZonedDateTime('2026-07-05T20:00', 'America/New_York')).toEqual(
      at('2026-07-06T00:00:00Z'),
    );
  });

  it('takes Z and offsets as written, whatever the zone', () => {
    expect(parseZonedDateTime('2026-12-05T20:00Z', 'Asia/Tokyo')).toEqual(
      at('2026-12-05T20:00:00Z'),
    );
    expect(parseZonedDateTime('2026-12-05T20:00:30+05:30', 'UTC')).toEqual(
      at('2026-12-05T14:30:30Z'),
    );
  });

  it('refuses what is no date-time', () => {
    expect(parseZonedDateTime('2026-02-30T10:00', 'UTC')).toBeUndefined();
    expect(parseZonedDateTime('tomorrow', 'UTC')).toBeUndefined();
  });

  it('moves a time the clocks skip on by the gap, and takes the first of a time shown twice', () => {
    // Berlin: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
    const skipped = Date.UTC(2026, 2, 29, 2, 30);
    expect(new Date(wallToInstant(skipped, 'Europe/Berlin'))).toEqual(at('2026-03-29T01:30:00Z'));
    const twice = Date.UTC(2026, 9, 25, 2, 30);
    expect(new Date(wallToInstant(twice, 'Europe/Berlin'))).toEqual(at('2026-10-25T00:30:00Z'));
  });
});

describe('pass slots', () => {
  const berlin = (start: string, everyMs: number) => ({
    start: parseZonedDateTime(start, 'Europe/Berlin') as Date,
    everyMs,
    timeZone: 'Europe/Berlin',
  });

  it('keeps the time of day across a daylight-saving change for whole days', () => {
    const grid = berlin('2026-03-28T20:00', DAY_MS);
    expect(passSlot(grid, 0)).toEqual(at('2026-03-28T19:00:00Z'));
    // 20:00 summer time the next day: 23 hours later.
    expect(passSlot(grid, 1)).toEqual(at('2026-03-29T18:00:00Z'));
  });

  it('counts elapsed hours for other intervals', () => {
    const grid = berlin('2026-03-28T20:00', 6 * HOUR_MS);
    expect(passSlot(grid, 4)).toEqual(at('2026-03-29T19:00:00Z'));
  });

  it('answers the first slot after a moment, once however many were missed', () => {
    const grid = berlin('2026-12-01T08:00', 6 * HOUR_MS);
    expect(nextPassAfter(grid, at('2026-12-01T07:00:00Z'))).toEqual(at('2026-12-01T13:00:00Z'));
    expect(nextPassAfter(grid, at('2026-12-03T10:59:00Z'))).toEqual(at('2026-12-03T13:00:00Z'));
    expect(nextPassAfter(grid, at('2026-12-01T06:00:00Z'))).toEqual(at('2026-12-01T07:00:00Z'));
  });

  it('next slot of a daily grid across the autumn change stays at the same wall time', () => {
    const grid = berlin('2026-10-24T20:00', DAY_MS);
    expect(nextPassAfter(grid, at('2026-10-24T18:00:01Z'))).toEqual(at('2026-10-25T19:00:00Z'));
  });

  it('ends at the end date, or 90 days after creation at the latest', () => {
    const created = at('2026-12-01T00:00:00Z');
    expect(scheduleEnd(created)).toEqual(at('2027-03-01T00:00:00Z'));
    expect(scheduleEnd(created, at('2026-12-20T00:00:00Z'))).toEqual(at('2026-12-20T00:00:00Z'));
    expect(scheduleEnd(created, at('2027-12-20T00:00:00Z'))).toEqual(at('2027-03-01T00:00:00Z'));
  });
});
