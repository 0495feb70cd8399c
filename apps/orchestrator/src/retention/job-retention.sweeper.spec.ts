import { BusClient } from '@btsx/platform';
import { Logger } from '@nestjs/common';
import { ExpiredJobsStore } from './expired-jobs.store';
import { JobRetentionSweeper } from './job-retention.sweeper';
import { RetentionPeriod } from './retention-period';

const HOUR_MS = 3_600_000;

function sweeperWith(deleted: string[]) {
  const store = {
    deleteFinishedBefore: jest.fn().mockResolvedValue(deleted),
    deleteSchedulesEndedBefore: jest.fn().mockResolvedValue(0),
  };
  const bus = { broadcast: jest.fn() };
  const sweeper = new JobRetentionSweeper(
    store as unknown as ExpiredJobsStore,
    bus as unknown as BusClient,
    new RetentionPeriod(7),
  );
  return { sweeper, store, bus };
}

describe('JobRetentionSweeper', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'error').mockImplementation();
  });
  afterEach(() => jest.useRealTimers());

  it('deletes what ended before now minus the retention and wakes each deleted job', async () => {
    const { sweeper, store, bus } = sweeperWith(['a', 'b']);
    const now = new Date('2026-03-10T12:00:00Z');
    expect(await sweeper.sweep(now)).toBe(2);
    expect(store.deleteFinishedBefore).toHaveBeenCalledWith(new Date('2026-03-03T12:00:00Z'));
    expect(bus.broadcast.mock.calls.map(([, payload]) => payload)).toEqual([
      { jobId: 'a' },
      { jobId: 'b' },
    ]);
  });

  it('sweeps at boot, then every hour, and stops on shutdown', async () => {
    jest.useFakeTimers();
    const { sweeper, store } = sweeperWith([]);
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(store.deleteFinishedBefore).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(HOUR_MS);
    expect(store.deleteFinishedBefore).toHaveBeenCalledTimes(2);
    await sweeper.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(3 * HOUR_MS);
    expect(store.deleteFinishedBefore).toHaveBeenCalledTimes(2);
  });

  it('survives a failed sweep and tries again an hour later', async () => {
    jest.useFakeTimers();
    const { sweeper, store } = sweeperWith([]);
    store.deleteFinishedBefore.mockRejectedValueOnce(new Error('database down'));
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(HOUR_MS);
    expect(store.deleteFinishedBefore).toHaveBeenCalledTimes(2);
    await sweeper.onModuleDestroy();
  });
});
