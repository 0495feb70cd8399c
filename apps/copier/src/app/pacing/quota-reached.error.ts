import { quotaOwnerName, type QuotaDirection, type QuotaProvider } from '@btsx/contracts';

/**
 * An account reached its transfer quota for longer than a task holds on to its connections:
 * the task stops and goes on by itself at `resumesAt` (epoch ms).
 */
export class QuotaReachedError extends Error {
  constructor(
    readonly provider: QuotaProvider,
    readonly direction: QuotaDirection,
    readonly resumesAt: number,
  ) {
    const whose = quotaOwnerName(provider, direction);
    super(`${whose} ${direction} quota reached until ${new Date(resumesAt).toISOString()}`);
  }
}
