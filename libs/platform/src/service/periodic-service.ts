import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

/**
 * A Nest provider whose work runs every `everyMs` (a PeriodicTask): from boot, and at
 * shutdown it stops, letting a run in flight finish before the connections close.
 */
export abstract class PeriodicService implements OnApplicationBootstrap, OnModuleDestroy {
  /** Its runNow() runs the work now, or right after the run in progress. */
  protected readonly task: PeriodicTask;

  protected constructor(name: string, everyMs: number) {
    this.task = new PeriodicTask({ name, everyMs, run: () => this.runOnce() });
  }

  /** One run of the work. */
  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
