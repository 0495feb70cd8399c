import {
  estimateRemainingMs,
  formatByteRate,
  formatBytes,
  formatDuration,
  formatMessageRate,
  formatStateLabel,
  formatStatus,
  messagesDone,
  percentDone,
  plural,
} from './format';

describe('formatters', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(12_300_000)).toBe('12.3 MB');
  });

  it('formats rates', () => {
    expect(formatMessageRate(4.25)).toBe('4.3 msg/s');
    expect(formatMessageRate(42.4)).toBe('42 msg/s');
    expect(formatByteRate(1_250_000)).toBe('1.3 MB/s');
  });

  it('formats durations', () => {
    expect(formatDuration(4_000)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(3_725_000)).toBe('1h 2m');
  });

  it('estimates the time left only once a rate is known', () => {
    expect(estimateRemainingMs(100, 0)).toBeNull();
    expect(estimateRemainingMs(100, 10)).toBe(10_000);
    expect(estimateRemainingMs(0, 0)).toBe(0);
  });

  it('names statuses for people', () => {
    expect(formatStatus('completed_with_errors')).toBe('Completed with errors');
  });

  it('spells a state with spaces', () => {
    expect(formatStateLabel('completed_with_errors')).toBe('completed with errors');
  });

  it('counts with a noun', () => {
    expect(plural(1, 'folder')).toBe('1 folder');
    expect(plural(0, 'message')).toBe('0 messages');
  });

  it('tells how far a job is, rounded down, once its total is known', () => {
    const counters = { copied: 2, skipped: 1, failed: 0, filtered: 1 };
    expect(messagesDone(counters)).toBe(4);
    expect(percentDone({ ...counters, total: null })).toBeNull();
    expect(percentDone({ ...counters, total: 0 })).toBe(100);
    expect(percentDone({ ...counters, total: 400 })).toBe(1);
    expect(percentDone({ ...counters, total: 4 })).toBe(100);
    expect(percentDone({ ...counters, total: 2 })).toBe(100);
  });
});
