import { CliError } from './cli-error';
import { everyHoursOf } from './schedule-interval';

describe('--every', () => {
  it('reads hours by default, and minutes or seconds when said', () => {
    expect(everyHoursOf('6h')).toBe(6);
    expect(everyHoursOf('12')).toBe(12);
    expect(everyHoursOf('90m')).toBe(1.5);
    expect(everyHoursOf('36s')).toBeCloseTo(0.01);
  });

  it('refuses what is no interval', () => {
    for (const text of ['0h', 'soon', '-2h', '6d']) {
      expect(() => everyHoursOf(text)).toThrow(CliError);
    }
  });
});
