import type { QuotaDirection, QuotaProvider } from '@btsx/contracts';
import { QuotaReachedError } from './quota-reached.error';
import type { QuotaRule } from './rolling-window';
import type { QuotaAccount, TransferQuotas } from './transfer-quotas.store';

/**
 * A task reserves a quota this many parts at a time (Gmail's 500 MB: 10 MB), not each message:
 * one bucket write per few hundred messages, and tasks on one account together hold at most a
 * few parts unused.
 */
const RESERVATION_PARTS = 50;

/** Waits the task sits out on its connections; longer ones hand the task back (`holdMs`). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A wait sat out in place this long or longer gets a status line; shorter ones pass unseen. */
const ANNOUNCED_HOLD_MS = 5_000;

/** Told when a task waits for a quota: it resumes at `resumesAt` (epoch ms). */
export type QuotaWaitListener = (wait: QuotaReachedError) => void;

export interface AllowanceOptions {
  quotas: TransferQuotas;
  account: QuotaAccount;
  provider: QuotaProvider;
  direction: QuotaDirection;
  rule: QuotaRule;
  /** A wait for the quota up to this long is held with the connections open; longer ones throw. */
  holdMs: number;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Hears a wait held in place (one handed back is thrown instead). */
  onHold?: QuotaWaitListener;
}

/** One task's share of an account's quota in one direction: reserved ahead, given back unused. */
export class QuotaAllowance {
  private left = 0;
  private slot: number | undefined;

  constructor(private readonly options: AllowanceOptions) {}

  /** Returns once `bytes` are reserved; throws QuotaReachedError for a wait past `holdMs`. */
  async take(bytes: number): Promise<void> {
    const { holdMs, sleep, signal } = this.options;
    while (this.left < bytes) {
      const resumesAt = await this.reserveMore(bytes - this.left);
      if (resumesAt === undefined) continue;
      const waitMs = resumesAt - Date.now();
      const { provider, direction } = this.options;
      const reached = new QuotaReachedError(provider, direction, resumesAt);
      if (waitMs > holdMs) throw reached;
      if (waitMs >= ANNOUNCED_HOLD_MS) this.options.onHold?.(reached);
      await sleep(Math.max(0, waitMs), signal);
    }
    this.left -= bytes;
  }

  /** What was reserved and not sent goes back to the account's quota. */
  async release(): Promise<void> {
    const { quotas, account, direction } = this.options;
    const [left, slot] = [this.left, this.slot];
    this.left = 0;
    // Always within the last part reserved, so within its slot.
    if (left > 0 && slot !== undefined) await quotas.release(account, direction, slot, left);
  }

  /** Reserves a part (at least `needed`), else just `needed`; when they fit, if they do not. */
  private async reserveMore(needed: number): Promise<number | undefined> {
    const { quotas, account, direction, rule } = this.options;
    const part = Math.ceil(rule.limitBytes / RESERVATION_PARTS);
    const asks = part > needed ? [part, needed] : [needed];
    let resumesAt = 0;
    for (const bytes of asks) {
      const reservation = await quotas.reserve(account, direction, bytes, rule);
      if (reservation.granted) {
        this.left += bytes;
        this.slot = reservation.slot;
        return undefined;
      }
      resumesAt = reservation.resumesAt;
    }
    return resumesAt;
  }
}
