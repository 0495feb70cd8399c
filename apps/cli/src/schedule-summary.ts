import type { SchedulePassView, ScheduleView } from '@btsx/contracts/core';
import { formatPassKind, formatZonedTime as zonedTime } from '@btsx/format';

function passLine(pass: SchedulePassView): string {
  const kind = formatPassKind(pass);
  const { copied, failed } = pass.counters;
  const changes = pass.changes
    ? `, ${pass.changes.flagsChanged} with new flags, ${pass.changes.removed} removed at the source`
    : '';
  return `  ${pass.number}. ${kind} — ${pass.status}: ${copied} copied, ${failed} failed${changes} (job ${pass.jobId})`;
}

/** What `btsx schedule status` prints: the schedule, its passes so far, and the next one. */
export function formatScheduleSummary(schedule: ScheduleView): string {
  const zone = schedule.timeZone;
  const next = schedule.nextPassAt ? zonedTime(schedule.nextPassAt, zone) : 'none';
  const lines = [
    `Schedule ${schedule.id}: ${schedule.state}`,
    `From ${schedule.source.username} on ${schedule.source.host} to ${schedule.destination.username} on ${schedule.destination.host}`,
    `Every ${schedule.everyHours} h from ${zonedTime(schedule.startAt, zone)}; ends ${zonedTime(schedule.endsAt, zone)} at the latest`,
    `Next pass:   ${next}`,
    `Passwords:   ${schedule.credentialsHeld ? 'held, encrypted, until the final pass or the end date' : 'discarded'}`,
    ...(schedule.error ? [`Error:       ${schedule.error}`] : []),
    `Passes:      ${schedule.passes.length === 0 ? 'none yet' : ''}`,
    ...schedule.passes.map(passLine),
  ];
  return `${lines.join('\n')}\n`;
}
