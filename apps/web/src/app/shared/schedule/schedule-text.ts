import type { JobOptions, JobSwitch } from '@btsx/contracts';
import { JOB_OPTION_TEXTS, type PassChanges, type ScheduleState } from '@btsx/contracts/core';
import { formatZonedTime, plural } from '@btsx/format';

const STATE_LABELS: Record<ScheduleState, string> = {
  scheduled: 'Scheduled',
  running: 'Running a pass',
  waiting: 'Waiting for the next pass',
  'final-requested': 'Final pass asked for',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

export function formatScheduleState(state: ScheduleState): string {
  return STATE_LABELS[state];
}

/**
 * A time of the schedule in the person's zone, and in the schedule's own zone after it when
 * the two differ (the schedule was made elsewhere, or the person travelled since).
 */
export function formatScheduleTime(iso: string, scheduleZone: string, viewerZone: string): string {
  const here = formatZonedTime(iso, viewerZone);
  return scheduleZone === viewerZone ? here : `${here} · ${formatZonedTime(iso, scheduleZone)}`;
}

/** What a delta pass found changed at the source, in words; a full pass found nothing of the kind. */
export function formatPassChanges(changes: PassChanges | null): string {
  if (!changes) return '—';
  const parts = [
    changes.flagsChanged > 0 && `${plural(changes.flagsChanged, 'message')} with new flags`,
    changes.removed > 0 && `${plural(changes.removed, 'message')} removed at the source`,
    changes.renumberedFolders > 0 &&
      `${plural(changes.renumberedFolders, 'folder')} renumbered (checked message by message)`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join(', ') : 'No flags changed, nothing removed';
}

/** The options a schedule's passes run with, by their labels: "Verify, Mirror deletions". */
export function formatScheduleOptions(options: JobOptions): string {
  const switches = (Object.keys(JOB_OPTION_TEXTS) as JobSwitch[]).filter((key) =>
    key === 'verify' ? options.verify !== false : options[key] === true,
  );
  const labels = [
    ...switches.map((key) => JOB_OPTION_TEXTS[key].label),
    ...(options.mirrorDeletions ? ['Mirror deletions'] : []),
    ...(options.folders ? ['folder rules'] : []),
    ...(options.messages ? ['a message filter'] : []),
    ...(options.limits ? ['a speed limit'] : []),
  ];
  return labels.length > 0 ? labels.join(', ') : 'none';
}
