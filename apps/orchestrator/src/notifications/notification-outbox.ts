import { NotificationBody } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';
import { NotifyChannel } from './notification.entity';
import { StoredTarget } from './notify-targets.store';

const TABLE = `${ORCHESTRATOR_SCHEMA}.notifications`;

/** A notification due now, as the sweeper claimed it. */
export interface DueNotification {
  id: string;
  key: string;
  targetId: string;
  channel: NotifyChannel;
  body: NotificationBody;
  attempts: number;
}

/** The stored notifications: written once per event, claimed by one replica at a time. */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly db: DataSource) {}

  /**
   * One row per channel the target has, keyed `<event key>:<channel>`: an event delivered
   * again (JetStream redelivery, two replicas) finds its rows there and adds nothing.
   * Answers how many rows are new.
   */
  async add(target: StoredTarget, eventKey: string, body: NotificationBody): Promise<number> {
    const channels: NotifyChannel[] = [];
    if (target.email) channels.push('email');
    if (target.webhookUrl) channels.push('webhook');
    let added = 0;
    for (const channel of channels) {
      const [, count] = (await this.db.query(
        `INSERT INTO ${TABLE} (key, target_id, channel, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO NOTHING`,
        [`${eventKey}:${channel}`, target.id, channel, body],
      )) as [unknown, number];
      added += count;
    }
    return added;
  }

  /**
   * Claims up to `limit` due rows for `leaseMs`: their next attempt moves past the lease, so
   * another replica's sweep skips them, and a replica that dies while sending leaves them
   * due again once the lease is over. SKIP LOCKED: two sweeps never wait on each other.
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueNotification[]> {
    const [rows] = (await this.db.query(
      `UPDATE ${TABLE} SET next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
       WHERE id IN (SELECT id FROM ${TABLE}
                    WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, key, target_id AS "targetId", channel, body, attempts`,
      [limit, leaseMs],
    )) as [DueNotification[], number];
    return rows;
  }

  async sent(id: string, attempts: number): Promise<void> {
    await this.db.query(`UPDATE ${TABLE} SET sent_at = now(), attempts = $2 WHERE id = $1`, [
      id,
      attempts,
    ]);
  }

  async retryLater(id: string, attempts: number, delayMs: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE ${TABLE} SET attempts = $2, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4 / 1000.0) WHERE id = $1`,
      [id, attempts, error, delayMs],
    );
  }

  async giveUp(id: string, attempts: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE ${TABLE} SET attempts = $2, last_error = $3, gave_up_at = now() WHERE id = $1`,
      [id, attempts, error],
    );
  }
}
