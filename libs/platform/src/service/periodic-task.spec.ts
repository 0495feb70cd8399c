import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

const EVERY_MS = 1_000;

/** A run that lasts `ms` of fake time; `active` and `peak` count overlapping runs. */
function timedRuns(ms: number) {
  const runs = { started: 0, active: 0, peak: 0 };
  const run = jest.fn(async () => {
    runs.started++;
    runs.peak = Math.max(runs.peak, ++runs.active);
    await new Promise((resolve) => setTimeout(resolve, ms));
    runs.active--;
  });
  return { runs, task: new PeriodicTask({ name: 'Test task', everyMs: EVERY_MS, run }) };
}

describe('PeriodicTask', () => {
  let logged: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation();
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('runs at start, then at every interval, and no more once stopped', async () => {
    const run = jest.fn().mockResolvedValue(undefined);
    const task = new PeriodicTask({ name: 'Test task', everyMs: EVERY_MS, run });
    task.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2 * EVERY_MS);
    expect(run).toHaveBeenCalledTimes(3);
    await task.stop();
    await jest.advanceTimersByTimeAsync(5 * EVERY_MS);
    await task.runNow();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('never runs twice at once: what comes due meanwhile is one run right after', async () => {
    const { runs, task } = timedRuns(3.5 * EVERY_MS);
    task.start();
    const asked = task.runNow();
    await jest.advanceTimersByTimeAsync(3.5 * EVERY_MS);
    expect(runs.started).toBe(2);
    await jest.advanceTimersByTimeAsync(3.5 * EVERY_MS);
    await asked;
    expect(runs.peak).toBe(1);
    const stopping = task.stop();
    await jest.advanceTimersByTimeAsync(3.5 * EVERY_MS);
    await stopping;
  });

  it('logs a failed run and tries again at the next interval', async () => {
    const run = jest.fn().mockRejectedValueOnce(new Error('database down')).mockResolvedValue(0);
    const task = new PeriodicTask({ name: 'Test task', everyMs: EVERY_MS, run });
    task.start();
    await jest.advanceTimersByTimeAsync(EVERY_MS);
    expect(logged).toHaveBeenCalledWith('Test task failed: database down');
    expect(run).toHaveBeenCalledTimes(2);
    await task.stop();
  });

  it('lets the run in flight finish when stopped', async () => {
    const { runs, task } = timedRuns(EVERY_MS / 2);
    task.start();
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(EVERY_MS / 4);
    expect(stopped).toBe(false);
    await jest.advanceTimersByTimeAsync(EVERY_MS / 4);
    await stopping;
    expect(runs.active).toBe(0);
  });
});
