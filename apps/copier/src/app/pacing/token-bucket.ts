/**
 * A rate of `perSecond` units, with bursts of up to one second's worth: the wait before `units`
 * more may go. One unit larger than the burst goes once the bucket is full, and empties it.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.at = now();
  }

  /** Takes `units` (the bucket may go into debt) and says how long to wait before using them. */
  take(units: number): number {
    this.refill();
    const cost = Math.min(units, this.perSecond);
    this.tokens -= cost;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1_000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.perSecond,
      this.tokens + ((now - this.at) / 1_000) * this.perSecond,
    );
    this.at = now;
  }
}
