import { plural } from '@btsx/format';
import {
  describeMessageFilter,
  describeSpeedLimits,
  FoldersLeftOut,
  FolderState,
  JobEventLevel,
  JobOptions,
  MessageFailure,
  PlannedFolder,
  RenamedFolder,
  SinceLastPass,
} from '@btsx/contracts';
import { TaskTally } from './task-tally';

/** One line of a job's log, as the status page shows it. */
export interface StatusLine {
  level: JobEventLevel;
  message: string;
}

export const JOB_CREATED_LINE: StatusLine = { level: 'info', message: 'Job created' };

/**
 * "Job created", which messages the job copies when a message filter leaves some out, and
 * how fast at most when the user set speed limits.
 */
export function jobCreatedLines(options: JobOptions): StatusLine[] {
  const lines = [JOB_CREATED_LINE];
  const filter = describeMessageFilter(options.messages);
  if (filter.length > 0) {
    lines.push({ level: 'info', message: `Copying only messages ${filter.join(', ')}` });
  }
  const limits = describeSpeedLimits(options.limits);
  if (limits) lines.push({ level: 'info', message: `Copying ${limits}` });
  return lines;
}
export const JOB_CANCELLED_LINE: StatusLine = { level: 'warning', message: 'Job cancelled' };

export function restartedAsLine(newJobId: string): StatusLine {
  return { level: 'info', message: `Restarted as job ${newJobId}` };
}

export function restartOfLine(originalJobId: string): StatusLine {
  return { level: 'info', message: `Restart of job ${originalJobId}, with Replace Existing on` };
}

export function deltaOfLine(previousJobId: string): StatusLine {
  return {
    level: 'info',
    message: `Delta pass after job ${previousJobId}: only what changed at the source since then`,
  };
}

export function plannedLine(folders: number, messages: number | null): StatusLine {
  const counted = messages === null ? '' : ` (${plural(messages, 'message')})`;
  return { level: 'info', message: `Found ${plural(folders, 'folder')}${counted}` };
}

/** Enough names to recognise which folders; the rest are counted. */
const FOLDERS_SHOWN = 5;

export function notOwnedLine(paths: string[]): StatusLine {
  const shown = paths.slice(0, FOLDERS_SHOWN).join(', ');
  const more = paths.length > FOLDERS_SHOWN ? ` and ${paths.length - FOLDERS_SHOWN} more` : '';
  const which = `${plural(paths.length, 'folder')} of other users or shared`;
  return { level: 'info', message: `Not copied: ${which} (${shown}${more})` };
}

/** The folders the job's folder selection left out, the first few with the reason. */
export function leftOutLine({ count, named }: FoldersLeftOut): StatusLine {
  const shown = named
    .slice(0, FOLDERS_SHOWN)
    .map(({ path, reason }) => `${path}: ${reason}`)
    .join('; ');
  const more = count > FOLDERS_SHOWN ? `; and ${count - FOLDERS_SHOWN} more` : '';
  return { level: 'info', message: `Left out: ${plural(count, 'folder')} (${shown}${more})` };
}

export function planningFailedLine(reason: string): StatusLine {
  return { level: 'error', message: `Planning failed: ${reason}` };
}

/** The destination refused to create a folder; `reason` names it there and quotes the server. */
export function folderRefusedLine(source: string, reason: string): StatusLine {
  return { level: 'error', message: `${source} not copied: ${reason}` };
}

/** A folder the destination refused under its planned name, created under a legal substitute. */
export function folderRenamedLine(folder: PlannedFolder, refusedName: string): StatusLine {
  const refused = `the destination refused "${refusedName}"`;
  const reason = folder.refusedBecause ? ` (${folder.refusedBecause})` : '';
  return {
    level: 'warning',
    message: `${folder.source}: ${refused}${reason}; copied into "${folder.destination}" instead`,
  };
}

export function taskFailedLine(where: string, reason: string): StatusLine {
  return { level: 'error', message: `${where}: ${reason}` };
}

/**
 * Delete Source copied these but left them in the source: the destination did not prove
 * it holds them. Not failed (they were copied), but worth a look; the first reason stands
 * for the rest.
 */
export function keptLine(kept: readonly Pick<MessageFailure, 'folder' | 'reason'>[]): StatusLine {
  const left = `${plural(kept.length, 'message')} left in the source`;
  return { level: 'warning', message: `${kept[0].folder}: ${left}: ${kept[0].reason}` };
}

/** "Inbox: server throttling, waiting 30 s": the pause is the server's wish, not a hang. */
export function throttledLine(where: string, waitMs: number): StatusLine {
  const seconds = Math.max(1, Math.round(waitMs / 1000));
  return { level: 'warning', message: `${where}: server throttling, waiting ${seconds} s` };
}

export interface FolderNames {
  source: string;
  destination: string;
}

/** A folder left pending: its first task is copying (or already over). */
export function copyingLine(folder: FolderNames): StatusLine {
  return { level: 'info', message: `Copying ${folder.source} → ${folder.destination}` };
}

/** "3 copied, 1 skipped, 0 failed", and how many the message filter left out, if any. */
export function countsInWords(tally: TaskTally): string {
  const filtered = tally.filtered > 0 ? `, ${tally.filtered} filtered` : '';
  return `${tally.copied} copied, ${tally.skipped} skipped, ${tally.failed} failed${filtered}`;
}

/**
 * The lines a folder's change of state earns: "Copying" when it leaves pending, a summary
 * when it finishes (both at once when its only task finished before the plan arrived).
 * A folder with no task says nothing: Folders Only would otherwise print every folder twice.
 */
export function folderLines(
  folder: FolderNames,
  before: FolderState,
  after: FolderState,
  tally: TaskTally,
): StatusLine[] {
  if (before === after || tally.tasks === 0) return [];
  const lines: StatusLine[] = [];
  if (before === 'pending') lines.push(copyingLine(folder));
  if (after === 'done' || after === 'failed') {
    const summary = countsInWords(tally);
    const level = tally.failed > 0 || tally.failedTasks > 0 ? 'warning' : 'info';
    lines.push({ level, message: `${folder.source}: ${summary}` });
  }
  return lines;
}

/** "Delta pass: 14 of 16 folders unchanged since the last pass". */
export function unchangedLine(unchanged: number, folders: number): StatusLine {
  const message = `Delta pass: ${unchanged} of ${plural(folders, 'folder')} unchanged since the last pass`;
  return { level: 'info', message };
}

/** A folder the source renamed since the last pass, known by its MAILBOXID. */
export function renamedSinceLine(folder: RenamedFolder): StatusLine {
  const what = `"${folder.from}" was renamed "${folder.to}" at the source since the last pass`;
  if (folder.renamedAtDestination) {
    return { level: 'info', message: `${what}; its copy was renamed at the destination too` };
  }
  return {
    level: 'warning',
    message: `${what}; its copy goes on under "${folder.destination}" at the destination (Mirror deletions renames it there as well)`,
  };
}

/** Folders the last pass copied that the source no longer has: nothing is deleted for it. */
export function goneSinceLine(paths: string[]): StatusLine {
  const shown = paths.slice(0, FOLDERS_SHOWN).join(', ');
  const more = paths.length > FOLDERS_SHOWN ? ` and ${paths.length - FOLDERS_SHOWN} more` : '';
  const which = `${plural(paths.length, 'folder')} removed or renamed at the source since the last pass`;
  return {
    level: 'warning',
    message: `${which} (${shown}${more}); their copies at the destination are left as they are`,
  };
}

/**
 * What a delta pass found changed below the last pass's mark, or null when nothing did:
 * "INBOX since the last pass: new flags on 3 messages; 2 messages removed at the source
 * (their copies are left at the destination)".
 */
export function sinceLastPassLine(folder: string, since: SinceLastPass): StatusLine | null {
  if (since.renumbered) {
    const message = `${folder}: the source renumbered its messages since the last pass (a new UIDVALIDITY); every message was checked against the destination by content`;
    return { level: 'warning', message };
  }
  const changes = [
    since.flagsChanged > 0 && `new flags on ${plural(since.flagsChanged, 'message')}`,
    since.removed > 0 &&
      `${plural(since.removed, 'message')} removed at the source (${removedCopies(since)})`,
  ].filter(Boolean);
  if (changes.length === 0) return null;
  return { level: 'info', message: `${folder} since the last pass: ${changes.join('; ')}` };
}

/** What became of the copies of messages the source removed since the last pass. */
function removedCopies({ removed, mirrored }: SinceLastPass): string {
  if (mirrored === undefined) return 'their copies are left at the destination';
  if (mirrored === removed) return 'their copies deleted at the destination too';
  return `${mirrored} of their copies deleted at the destination, the others unknown there`;
}
