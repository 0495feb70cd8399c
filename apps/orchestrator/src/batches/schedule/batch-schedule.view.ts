import {
  BatchCredentialsView,
  BatchPassView,
  BatchScheduleView,
  DAY_MS,
  HOUR_MS,
} from '@btsx/contracts';
import { BatchEntity } from '../batch.entity';
import { BatchPassEntity } from './batch-pass.entity';
import { BatchScheduleEntity } from './batch-schedule.entity';

export function batchScheduleView(
  schedule: BatchScheduleEntity,
  passes: BatchPassEntity[],
): BatchScheduleView {
  return {
    state: schedule.state,
    timeZone: schedule.timeZone,
    startAt: schedule.startAt.toISOString(),
    everyHours: schedule.everyMs / HOUR_MS,
    endsAt: schedule.endsAt.toISOString(),
    nextPassAt: schedule.nextPassAt?.toISOString() ?? null,
    mirrorDeletions: schedule.mirrorDeletions,
    error: schedule.error,
    endedAt: schedule.endedAt?.toISOString() ?? null,
    passes: passes.map(batchPassView),
  };
}

function batchPassView(pass: BatchPassEntity): BatchPassView {
  const tally = pass.tally;
  return {
    number: pass.number,
    delta: pass.delta,
    final: pass.final,
    startedAt: pass.startedAt.toISOString(),
    endedAt: pass.endedAt?.toISOString() ?? null,
    lines: pass.lines,
    copied: tally?.copied ?? null,
    failed: tally?.failed ?? null,
    changes:
      tally && pass.delta
        ? {
            flagsChanged: tally.flagsChanged,
            removed: tally.removed,
            renumberedFolders: tally.renumberedFolders,
          }
        : null,
  };
}

/**
 * Whether the batch still holds its passwords, and until when: BATCH_CREDENTIAL_DAYS after
 * its last pass ended, once that is known and no schedule holds them longer.
 */
export function batchCredentialsView(
  batch: BatchEntity,
  liveSchedule: boolean,
  keptDays: number,
): BatchCredentialsView {
  const ended = batch.lastPassEndedAt;
  const held = !batch.credentialsDiscardedAt;
  return {
    held,
    expiresAt:
      held && ended && !liveSchedule
        ? new Date(ended.getTime() + keptDays * DAY_MS).toISOString()
        : null,
    discardedAt: batch.credentialsDiscardedAt?.toISOString() ?? null,
    discardedWhy: batch.credentialsDiscardedWhy ?? null,
  };
}
