import type { ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';

/** One key's attempts in its current window. */
interface Window {
  startedAt: number;
  attempts: number;
}

/**
 * Counts attempts per key in fixed windows. Per process: each replica counts its own, so a
 * deployment of N replicas allows up to N times the limit, still hopeless for guessing.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt: null when it may go ahead, else the seconds until it may. */
  hit(key: string): number | null {
    const now = this.now();
    this.forgetOld(now);
    const window = this.windows.get(key) ?? { startedAt: now, attempts: 0 };
    window.attempts += 1;
    this.windows.set(key, window);
    if (window.attempts <= this.maxAttempts) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  /** Windows start in insertion order, so the sweep stops at the first live one. */
  private forgetOld(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt < this.windowMs) return;
      this.windows.delete(key);
    }
  }
}

/**
 * For a guard: true when every limiter let the attempt through (each `hit` was null), else
 * 429 with Retry-After set to the longest wait.
 */
export function admitAttempt(context: ExecutionContext, hits: (number | null)[]): true {
  const waits = hits.filter((wait): wait is number => wait !== null);
  if (waits.length === 0) return true;
  const seconds = Math.max(...waits);
  context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
  throw new AppError(429, `Too many sign-in attempts; try again in ${seconds} seconds`);
}
