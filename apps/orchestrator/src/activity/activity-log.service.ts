import { ActivityAction, ActivityTargetType } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';
import { ActivityOrigin } from './activity-origin';

export interface ActivityTarget {
  type: ActivityTargetType;
  id: string | null;
  label: string;
}

/** Counts, limits, names: never a password, token or credential id. */
export type ActivityDetail = Record<string, string | number | boolean | null>;

/** What happened, beside who did it and from where (ActivityOrigin). */
export interface ActivityEvent {
  action: ActivityAction;
  target?: ActivityTarget;
  /** The tenant acted on (a batch's); the acting admin's when not given. */
  tenantId?: string | null;
  detail?: ActivityDetail;
}

/**
 * The activity log's one door for writing: a row per admin action, never changed or
 * deleted (the database refuses it too). Given the action's transaction, the row commits
 * or rolls back with the action.
 */
@Injectable()
export class ActivityLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(origin: ActivityOrigin, event: ActivityEvent, tx?: EntityManager): Promise<void> {
    const { actor } = origin;
    await (tx ?? this.db.manager).query(
      `INSERT INTO ${ORCHESTRATOR_SCHEMA}.admin_activity
         (action, actor_admin_id, actor_email, actor_token_id, actor_token_name,
          target_type, target_id, target_label, tenant_id, ip, user_agent, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        event.action,
        actor?.adminId ?? null,
        actor?.email ?? null,
        actor?.tokenId ?? null,
        actor?.tokenName ?? null,
        event.target?.type ?? null,
        event.target?.id ?? null,
        event.target?.label ?? null,
        event.tenantId ?? origin.tenantId,
        origin.ip,
        origin.userAgent,
        JSON.stringify(event.detail ?? {}),
      ],
    );
  }
}
