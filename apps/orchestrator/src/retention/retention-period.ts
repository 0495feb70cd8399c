const DAY_MS = 86_400_000;

/** How long a finished job is kept: the one rule behind the sweep and the page's promise. */
export class RetentionPeriod {
  constructor(readonly days: number) {}

  /** When a job that ended at `finishedAt` is deleted; null while it has not ended. */
  expiresAt(finishedAt: Date | null): Date | null {
    return finishedAt ? new Date(finishedAt.getTime() + this.days * DAY_MS) : null;
  }

  /** A finished job that ended before this instant is due for deletion at `now`. */
  cutoff(now: Date): Date {
    return new Date(now.getTime() - this.days * DAY_MS);
  }
}
