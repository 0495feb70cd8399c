import { BatchItemState } from '@btsx/contracts';
import { ConflictError } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isActive, isEndedJob, itemState, RETRYABLE } from './batch-item-state';
import { BatchItemEntity } from './batch-item.entity';
import { BatchStore } from './batch-store';
import { BatchEntity } from './batch.entity';

/** Which lines run again, and how. */
export type Requeue = 'retry failed' | 'delta pass';

/**
 * Queues lines of a batch again, under the batch's lock (the caller's transaction): a retry
 * of failed lines with Replace Existing, or a delta pass of every line (once all ended). The
 * admin's actions and the batch's schedule both come here. Starting a pass clears the time
 * the last one ended: the stored passwords' expiry counts from the end of this one.
 */
@Injectable()
export class BatchRequeue {
  constructor(private readonly store: BatchStore) {}

  async queue(tx: EntityManager, batch: BatchEntity, requeue: Requeue): Promise<number> {
    requireNotCancelled(batch);
    requireCredentials(batch);
    const delta = requeue === 'delta pass';
    const rows = await this.store.itemRows(batch.id);
    if (delta && rows.some((r) => isActive(itemState(r)))) {
      throw new ConflictError('A delta pass runs once every job of the batch has ended');
    }
    const wanted = delta ? isEndedJob : retryable;
    const lines = rows
      .filter((r) => r.phase === 'started' && wanted(itemState(r)))
      .map((r) => r.line);
    const items = await this.store.setPhase(tx, batch.id, lines, 'pending');
    for (const item of items) {
      if (delta) item.deltaOf = item.jobId;
      else item.options = { ...item.options, reconcileExisting: true };
      item.error = null;
      await tx.getRepository(BatchItemEntity).save(item);
    }
    batch.lastPassEndedAt = null;
    return items.length;
  }
}

function retryable(state: BatchItemState): boolean {
  return isEndedJob(state) && RETRYABLE.includes(state);
}

export function requireNotCancelled(batch: BatchEntity): void {
  if (batch.intent === 'cancelled') throw new ConflictError('The batch is cancelled');
}

/** A batch whose stored passwords were deleted can run nothing again: say so, and what to do. */
export function requireCredentials(batch: BatchEntity): void {
  if (!batch.credentialsDiscardedAt) return;
  throw new ConflictError(
    `The batch's stored passwords were deleted on ${batch.credentialsDiscardedAt.toISOString()} ` +
      `(${batch.credentialsDiscardedWhy}); import the CSV again to run its mailboxes again`,
  );
}
