import {
  ActivityAction,
  ActivityActorView,
  ActivityTargetType,
  ActivityView,
} from '@btsx/contracts';

/** A row of orchestrator.admin_activity as pg returns it (bigint as text). */
export interface ActivityRow {
  id: string;
  at: Date;
  action: ActivityAction;
  actor_admin_id: string | null;
  actor_email: string | null;
  actor_token_id: string | null;
  actor_token_name: string | null;
  target_type: ActivityTargetType | null;
  target_id: string | null;
  target_label: string | null;
  tenant_id: string | null;
  ip: string;
  user_agent: string | null;
  detail: Record<string, unknown>;
}

export function toActivityView(row: ActivityRow): ActivityView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actor: actorView(row),
    target: row.target_type && {
      type: row.target_type,
      id: row.target_id,
      label: row.target_label ?? row.target_id ?? '',
    },
    tenantId: row.tenant_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: row.detail,
  };
}

function actorView(row: ActivityRow): ActivityActorView | null {
  const { actor_admin_id: adminId, actor_email: email } = row;
  const { actor_token_id: tokenId, actor_token_name: tokenName } = row;
  if (!adminId && !tokenId) return null;
  const label = tokenId
    ? `token "${tokenName ?? ''}"${email ? ` (${email})` : ''}`
    : (email ?? adminId ?? '');
  return { adminId, email, tokenId, tokenName, label };
}
