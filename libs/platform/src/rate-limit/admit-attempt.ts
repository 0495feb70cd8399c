import type { ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../http/app-error';

/**
 * For a guard: true when every limiter let the attempt through (each `hit` was null), else
 * 429 with Retry-After set to the longest wait and `what` in the message ("sign-in attempts").
 */
export function admitAttempt(
  context: ExecutionContext,
  hits: (number | null)[],
  what = 'sign-in attempts',
): true {
  const waits = hits.filter((wait): wait is number => wait !== null);
  if (waits.length === 0) return true;
  const seconds = Math.max(...waits);
  context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
  throw new AppError(429, `Too many ${what}; try again in ${seconds} seconds`);
}
