import type { JobCounters, JobStatus } from '@btsx/contracts';
import { EXIT_FAILURE, EXIT_OK, migrateExitCode } from './exit-code';

const counters = (failed: number): JobCounters => ({
  total: 10,
  copied: 10 - failed,
  skipped: 0,
  failed,
  filtered: 0,
  bytes: 1234,
});

describe('migrateExitCode', () => {
  it('is 0 for a completed job with no failed message', () => {
    expect(migrateExitCode({ status: 'completed', counters: counters(0) })).toBe(EXIT_OK);
  });

  it('is 1 for a completed job that still counts a failed message', () => {
    expect(migrateExitCode({ status: 'completed', counters: counters(1) })).toBe(EXIT_FAILURE);
  });

  it.each<JobStatus>(['completed_with_errors', 'failed', 'cancelled', 'running', 'queued'])(
    'is 1 for status %s',
    (status) => {
      expect(migrateExitCode({ status, counters: counters(0) })).toBe(EXIT_FAILURE);
    },
  );
});
