import {
  DEFAULT_DAILY_TRANSFER_MB,
  type ImapEndpoint,
  type PlanTotals,
  quotaProviderOf,
  type SpeedLimits,
} from '@btsx/contracts';

const DAY_SECONDS = 24 * 3600;
const MB = 1024 * 1024;

type Account = Pick<ImapEndpoint, 'host' | 'provider'>;

/**
 * A job's estimate held to what paces it: its speed limits, and the providers' known daily
 * quotas (Gmail: 500 MB of uploads, 2,500 MB of downloads), a quota's worth of data a day. An
 * operator may have set other quotas, and the accounts' own mail clients use the same ones:
 * an estimate, not a promise.
 */
export function pacedSeconds(
  seconds: number,
  totals: Pick<PlanTotals, 'messages' | 'bytes'>,
  limits: SpeedLimits | undefined,
  accounts: { source: Account; destination: Account },
): number {
  const atSpeed = Math.max(
    limits?.bytesPerSecond ? totals.bytes / limits.bytesPerSecond : 0,
    limits?.messagesPerSecond ? totals.messages / limits.messagesPerSecond : 0,
  );
  const days = Math.max(
    daysOfQuota(totals.bytes, DEFAULT_DAILY_TRANSFER_MB[quotaProviderOf(accounts.source)].download),
    daysOfQuota(
      totals.bytes,
      DEFAULT_DAILY_TRANSFER_MB[quotaProviderOf(accounts.destination)].upload,
    ),
  );
  return Math.max(seconds, atSpeed) + days * DAY_SECONDS;
}

/** Whole days spent waiting for a daily quota of `quotaMb` to move `bytes`; 0 without one. */
function daysOfQuota(bytes: number, quotaMb: number): number {
  if (quotaMb <= 0 || bytes <= 0) return 0;
  return Math.ceil(bytes / (quotaMb * MB)) - 1;
}
