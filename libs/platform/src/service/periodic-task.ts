import { Logger } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** Names the task in its log lines ("Retention sweep failed: …"). */
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Work a service repeats on a timer (a purge, a sweep, a scheduler's look): at start, then
 * every `everyMs`, never two runs at once. A failed run is logged and the next one tries
 * again; stop() lets the run in flight finish. The timer never keeps the process alive.
 * Its owner starts it in onApplicationBootstrap and stops it in onModuleDestroy, which Nest
 * calls before any onApplicationShutdown, where the database and NATS connections close.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private followUp: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: PeriodicTaskOptions) {
    this.logger = new Logger(options.name);
  }

  start(): void {
    this.timer = setInterval(() => void this.runNow(), this.options.everyMs);
    this.timer.unref();
    void this.runNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Runs now, or once more right after the run in progress (which may have read the state
   * before the caller changed it); resolves when that run has ended.
   */
  runNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.followUp) return this.followUp;
    if (this.running) {
      this.followUp = this.running.then(() => {
        this.followUp = undefined;
        return this.runNow();
      });
      return this.followUp;
    }
    const run = this.runLogged().finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  private async runLogged(): Promise<void> {
    try {
      await this.options.run();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.logger.error(`${this.options.name} failed: ${text}`);
    }
  }
}
