import { type QuotaDirection, TRANSFER_QUOTAS_BUCKET } from '@btsx/contracts';
import { editEntry, hashedKey, LazyBucket, NATS_CONNECTION } from '@btsx/platform';
import { Inject, Injectable } from '@nestjs/common';
import { KV, NatsConnection } from 'nats';
import {
  emptyUsage,
  type QuotaRule,
  release,
  reserve,
  type Reservation,
  type WindowUsage,
} from './rolling-window';

/** The account a quota counts: the same host and username as its connection leases. */
export interface QuotaAccount {
  host: string;
  username: string;
}

/**
 * Each account's transfers in each direction over the quota's rolling window, counted across
 * every copier in a JetStream key-value bucket (compare-and-set, so two replicas never both
 * take the last bytes of a quota).
 */
@Injectable()
export class TransferQuotas {
  private bucket: LazyBucket | undefined;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async reserve(
    account: QuotaAccount,
    direction: QuotaDirection,
    bytes: number,
    rule: QuotaRule,
  ): Promise<Reservation> {
    let reservation: Reservation = { granted: false, resumesAt: Date.now() };
    await this.edit(account, direction, (usage) => {
      reservation = reserve(usage, bytes, rule, Date.now());
      return reservation.granted;
    });
    return reservation;
  }

  /** Gives back bytes reserved in `slot` and not sent. */
  async release(
    account: QuotaAccount,
    direction: QuotaDirection,
    slot: number,
    bytes: number,
  ): Promise<void> {
    await this.edit(account, direction, (usage) => release(usage, slot, bytes));
  }

  private async edit(
    account: QuotaAccount,
    direction: QuotaDirection,
    edit: (usage: WindowUsage) => boolean,
  ): Promise<boolean> {
    const key = hashedKey(account.host, account.username, direction);
    return editEntry(await this.kv(), key, emptyUsage, edit);
  }

  private kv(): Promise<KV> {
    const { name, maxAgeSeconds } = TRANSFER_QUOTAS_BUCKET;
    this.bucket ??= new LazyBucket(this.nc, name, maxAgeSeconds * 1000);
    return this.bucket.open();
  }
}
