import { ActivityView } from '@btsx/contracts';
import { csvLine } from '../shared/csv';

export const ACTIVITY_CSV_HEADER = [
  'at',
  'action',
  'actor',
  'actor_admin_id',
  'actor_token_id',
  'target_type',
  'target_id',
  'target',
  'tenant_id',
  'ip',
  'user_agent',
  'detail',
];

/** The activity as CSV lines, the header first; cells that look like formulas made inert. */
export async function* activityCsv(rows: AsyncIterable<ActivityView>): AsyncGenerator<string> {
  yield csvLine(ACTIVITY_CSV_HEADER);
  for await (const row of rows) {
    yield csvLine([
      row.at,
      row.action,
      row.actor?.label ?? null,
      row.actor?.adminId ?? null,
      row.actor?.tokenId ?? null,
      row.target?.type ?? null,
      row.target?.id ?? null,
      row.target?.label ?? null,
      row.tenantId,
      row.ip,
      row.userAgent,
      JSON.stringify(row.detail),
    ]);
  }
}
