export const HOUR_MS = 3_600_000;
/** A day of wall-clock time: intervals of whole days keep the time of day in the user's zone. */
export const DAY_MS = 24 * HOUR_MS;

/** `2026-12-05T20:00`, with seconds optional, and an optional `Z` or `+01:00` after it. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** An IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
export function zoneOffsetMs(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const parts = formatter(zone).formatToParts(new Date(whole));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour') % 24,
    part('minute'),
    part('second'),
  );
  return wall - whole;
}

/**
 * The instant at which the zone's clocks show `wall` (a wall-clock time written as if it were
 * UTC). A time the clocks skip (spring forward) moves on by the gap, as calendars do; a time
 * they show twice (fall back) is the first of the two.
 */
export function wallToInstant(wall: number, zone: string): number {
  const candidates = [zoneOffsetMs(wall - DAY_MS, zone), zoneOffsetMs(wall + DAY_MS, zone)].map(
    (offset) => wall - offset,
  );
  const shown = candidates.filter((instant) => instant + zoneOffsetMs(instant, zone) === wall);
  return shown.length > 0 ? Math.min(...shown) : candidates[0];
}

/**
 * A date-time as an instant: with `Z` or an offset as written, without one as the wall clock
 * of `zone`. Undefined when it is no date-time.
 */
export function parseZonedDateTime(text: string, zone: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', offset] = match;
  const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const written = new Date(wall);
  // Date.UTC rolls 2026-02-30 over into March: such a date is no date.
  if (written.getUTCDate() !== +day || written.getUTCHours() !== +hour) return undefined;
  if (offset === undefined) return new Date(wallToInstant(wall, zone));
  if (offset === 'Z') return written;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return new Date(wall - sign * (h * 60 + m) * 60_000);
}

/** The date-time a text names, as `parseZonedDateTime`, or why it names none. */
export function zonedDateTimeProblem(text: unknown, zone: unknown): string | undefined {
  if (!isTimeZone(zone)) return 'the time zone is not an IANA name such as Europe/Berlin';
  if (typeof text !== 'string' || !parseZonedDateTime(text, zone)) {
    return 'write it as 2026-12-05T20:00 (the time zone given) or with Z or an offset';
  }
  return undefined;
}
