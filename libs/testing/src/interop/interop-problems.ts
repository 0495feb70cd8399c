import type { AuditTotals, JobStatusLine, JobView, PlanView } from '@btsx/contracts';
import { toSegments } from '../logical-path';
import { compareMailboxes } from '../mailbox-compare';
import type { MailboxSnapshot, SnapshotMessage } from '../mailbox-snapshot';
import { type ExpectedCopy, type ExpectedRefusal, INTEROP_FOLDER_RULE } from './expected-copy';
import type { GmailViews } from './interop-layouts';

const messageKey = (message: SnapshotMessage): string => `${message.sha256}|${message.size}`;
const keys = (messages: SnapshotMessage[]): string[] => messages.map(messageKey).sort();

/** The destination without its views, which show messages other folders hold. */
export function withoutViews(destination: MailboxSnapshot, views?: GmailViews): MailboxSnapshot {
  if (!views) return destination;
  const viewPaths = [views.allMail, ...views.others];
  return destination.filter((folder) => !viewPaths.includes(folder.path));
}

/** Into a Gmail-like server nothing is APPENDed to All Mail: it shows the other folders only. */
function allMailProblems(destination: MailboxSnapshot, views?: GmailViews): string[] {
  if (!views) return [];
  const shown = withoutViews(destination, views)
    .filter((folder) => !views.outsideAllMail.includes(folder.path))
    .flatMap((folder) => folder.messages);
  const allMail = destination.find((folder) => folder.path === views.allMail)?.messages ?? [];
  const same = JSON.stringify(keys(allMail)) === JSON.stringify(keys(shown));
  return same ? [] : [`All Mail holds ${allMail.length} messages, its folders ${shown.length}`];
}

/** Each documented refusal reported once with the server's reason, and no other failure. */
function refusalProblems(refused: ExpectedRefusal[], job: JobView): string[] {
  const reported = [...job.failures];
  const problems: string[] = [];
  for (const expected of refused) {
    const index = reported.findIndex(
      (f) => f.size === expected.size && expected.reason.test(f.reason),
    );
    if (index < 0) {
      problems.push(`refusal not reported: ${expected.size} bytes in ${expected.folder}`);
    } else reported.splice(index, 1);
  }
  for (const failure of reported) {
    problems.push(`unexpected failure: ${failure.folder} UID ${failure.uid}: ${failure.reason}`);
  }
  return problems;
}

/** Each folder put under a legal substitute has a warning that names both names. */
function renameProblems(expected: ExpectedCopy, lines: readonly JobStatusLine[]): string[] {
  const lastSegment = (path: string) => toSegments(path).at(-1) ?? path;
  const names = (message: string, { source, destination }: ExpectedCopy['renamed'][number]) => {
    const [refused, copied] = message.split('; copied into ');
    return (
      copied !== undefined &&
      refused.includes(`refused "`) &&
      refused.includes(lastSegment(source)) &&
      copied.includes(lastSegment(destination))
    );
  };
  return expected.renamed
    .filter((renamed) => !lines.some((l) => l.level === 'warning' && names(l.message, renamed)))
    .map(({ source, destination }) => `no status line for ${source} renamed ${destination}`);
}

/** An audit counts the refusals and (if `deep`) the rewrites, and finds nothing else. */
function auditProblems(expected: ExpectedCopy, job: JobView, deep: boolean): string[] {
  const audit = `${deep ? 'deep' : 'automatic'} audit`;
  const totals = job.audit?.totals;
  if (!totals) return [`no ${audit}: ${job.audit?.state ?? 'none'} ${job.audit?.error ?? ''}`];
  const wanted = {
    missing: 0,
    refused: expected.refused.length,
    extra: 0,
    // The automatic audit hashes only what identity headers leave in doubt.
    ...(deep ? { changed: expected.rewritten } : {}),
    flagDifferences: 0,
    filtered: expected.filtered,
    unverified: 0,
  };
  return Object.entries(wanted)
    .filter(([key, value]) => totals[key as keyof typeof wanted] !== value)
    .map(
      ([key, value]) => `${audit} ${key}: ${totals[key as keyof AuditTotals]}, expected ${value}`,
    );
}

/** The one folder the matrix's rule moves, and only it, names the rule. */
function ruleProblems(job: JobView): string[] {
  const { from, to } = INTEROP_FOLDER_RULE;
  const named = job.folders.filter((folder) => folder.rule !== null);
  const rule = `${from} => ${to}`;
  if (named.length === 1 && named[0].rule === rule) return [];
  return [`folder rule ${rule}: named on ${JSON.stringify(named.map((f) => [f.source, f.rule]))}`];
}

/**
 * The plan made before the job, folder by folder: the same folders into the same places (or
 * into the legal substitute a status line names), each message planned copied or failed
 * (the too large ones among the failed), and the same filtered.
 */
function planProblems(plan: PlanView, job: JobView, lines: readonly JobStatusLine[]): string[] {
  const substituted = (source: string, destination: string) =>
    lines.some(
      (l) =>
        l.message.startsWith(`${source}: `) && l.message.includes(`copied into "${destination}"`),
    );
  const problems: string[] = [];
  if (plan.folders.length !== job.folders.length) {
    problems.push(`plan: ${plan.folders.length} folders, the job ${job.folders.length}`);
  }
  for (const planned of plan.folders) {
    const done = job.folders.find((f) => f.source === planned.source);
    const { source } = planned;
    if (!done) {
      problems.push(`plan: ${source} planned, not in the job`);
      continue;
    }
    if (done.destination !== planned.destination && !substituted(source, done.destination)) {
      problems.push(
        `plan: ${source} planned into ${planned.destination}, copied into ${done.destination}`,
      );
    }
    // Into a new account, what the job does not copy it fails; what labels hold, All Mail skips.
    const sent = done.copied + done.failed;
    if (sent !== planned.messages || done.filtered !== planned.filtered) {
      problems.push(
        `plan: ${source} planned ${planned.messages} (${planned.filtered} filtered), the job copied or failed ${sent} (${done.filtered} filtered)`,
      );
    }
    if (done.failed < planned.tooLarge) {
      problems.push(
        `plan: ${source} planned ${planned.tooLarge} too large, the job failed ${done.failed}`,
      );
    }
  }
  return problems;
}

/**
 * Everything a finished job did otherwise than documented, in words ([] when all is well):
 * message-by-message differences from the expected copy, refusals unreported or unexpected,
 * renamed folders without their status line, the folder rule not named where it applied,
 * the plan made before the job not what the job did,
 * the automatic and the deep audit's totals, its status, and (Gmail-like destination) messages put into All Mail.
 */
export function interopProblems(
  expected: ExpectedCopy,
  plan: PlanView,
  job: JobView,
  audited: JobView,
  destination: MailboxSnapshot,
  lines: readonly JobStatusLine[],
  views?: GmailViews,
): string[] {
  const status = expected.refused.length > 0 ? 'completed_with_errors' : 'completed';
  return [
    ...(job.status === status ? [] : [`job ${job.status}, expected ${status}: ${job.error}`]),
    ...compareMailboxes(expected.destination, withoutViews(destination, views)),
    ...job.folders
      .filter((folder) => folder.error !== null)
      .map((folder) => `folder ${folder.source} -> ${folder.destination}: ${folder.error}`),
    ...refusalProblems(expected.refused, job),
    ...renameProblems(expected, lines),
    ...ruleProblems(job),
    ...planProblems(plan, job, lines),
    ...auditProblems(expected, job, false),
    ...auditProblems(expected, audited, true),
    ...allMailProblems(destination, views),
  ];
}
