import { QUOTA_PROVIDER_NAMES, type QuotaDirection, type QuotaProvider } from '@btsx/contracts';

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
    const whose = QUOTA_PROVIDER_NAMES[provider];
    super(`${whose}'s ${direction} quota reached until ${new Date(resumesAt).toISOString()}`);
  }
}
