import { ActivityAction } from '@btsx/contracts';
import { ActivityDetail, ActivityEvent } from '../activity';
import { BatchEntity } from './batch.entity';

/** An action on a batch as the activity log records it: the batch by id and name, in its tenant. */
export function batchActivity(
  action: ActivityAction,
  batch: Pick<BatchEntity, 'id' | 'name' | 'tenantId'>,
  detail?: ActivityDetail,
): ActivityEvent {
  const target = { type: 'batch' as const, id: batch.id, label: batch.name };
  return { action, target, tenantId: batch.tenantId, detail };
}
