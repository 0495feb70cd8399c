/** A counting semaphore for "at most N messages in hand", with a way to wait for room. */
export class WorkSlots {
  private busy = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly size: number) {}

  get free(): number {
    return this.size - this.busy;
  }

  whenFree(): Promise<void> {
    return this.free > 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs the work in one slot; the slot is given back however the work ends. */
  run(work: () => Promise<void>): void {
    this.busy++;
    void work().finally(() => {
      this.busy--;
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  async drained(): Promise<void> {
    while (this.busy > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
