import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

const UNIT_HOURS: Record<string, number> = { h: 1, m: 1 / 60, s: 1 / 3600 };

/**
 * `--every 6h` as hours: a number with h (the default), m or s. Minutes and seconds exist
 * for test servers whose minimum interval was lowered; a production server refuses under an hour.
 */
export function everyHoursOf(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([hms]?)$/.exec(text.trim());
  const hours = match ? Number(match[1]) * UNIT_HOURS[match[2] || 'h'] : NaN;
  if (!(hours > 0)) {
    throw new CliError(
      `--every takes an interval such as 6h or 90m, not ${JSON.stringify(text)}`,
      EXIT_USAGE,
    );
  }
  return hours;
}
