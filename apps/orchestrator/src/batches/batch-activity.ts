import { ActivityAction } from '@btsx/contracts';
import { ActivityDetail, ActivityEvent } from '../activity';
import { BatchEntity } from './batch.entity';

/** An action on a batch as the activity log records it: the batch by id and name. */
export function batchActivity(
  action: ActivityAction,
  batch: Pick<BatchEntity, 'id' | 'name'>,
  detail?: ActivityDetail,
): ActivityEvent {
  return { action, target: { type: 'batch', id: batch.id, label: batch.name }, detail };
}
