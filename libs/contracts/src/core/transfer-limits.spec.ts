import {
  describeSpeedLimits,
  parseByteRate,
  parseMessageRate,
  speedLimitsOption,
} from './transfer-limits';

describe('speed limits', () => {
  it('read a byte rate with or without /s, in binary units', () => {
    expect(parseByteRate('5MB/s')).toBe(5 * 1024 * 1024);
    expect(parseByteRate('500 KB / s')).toBe(500 * 1024);
    expect(parseByteRate('2mb')).toBe(2 * 1024 * 1024);
    expect(parseByteRate('fast')).toBeUndefined();
    expect(parseByteRate('0MB/s')).toBeUndefined();
  });

  it('read a message rate as a whole number above 0', () => {
    expect(parseMessageRate('20')).toBe(20);
    expect(parseMessageRate('0')).toBeUndefined();
    expect(parseMessageRate('2.5')).toBeUndefined();
  });

  it('become a job option only when set, and say what they are', () => {
    expect(speedLimitsOption({})).toEqual({});
    expect(speedLimitsOption({ messagesPerSecond: 20 })).toEqual({
      limits: { messagesPerSecond: 20 },
    });
    expect(describeSpeedLimits({ bytesPerSecond: 5 * 1024 * 1024, messagesPerSecond: 20 })).toBe(
      'at most 5.0 MB/s and 20 messages/s',
    );
    expect(describeSpeedLimits(undefined)).toBe('');
  });
});
