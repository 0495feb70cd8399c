import { plural } from '@btsx/format';
import { AuditState, AuditTotals, FolderAudit } from '@btsx/contracts';
import { Outcome } from '../jobs/job-state';
import { StatusLine } from '../jobs/status-lines';

/** What the job's outcome needs to know of an audit. */
export interface AuditVerdict {
  state: AuditState;
  error: string | null;
  totals: AuditTotals | null;
}

export function auditTotals(folders: FolderAudit[], deleteSource: boolean): AuditTotals {
  const sum = (pick: (f: FolderAudit) => number) => folders.reduce((n, f) => n + pick(f), 0);
  return {
    folders: folders.length,
    missing: sum((f) => f.missing),
    refused: sum((f) => f.refused),
    extra: deleteSource ? null : sum((f) => f.extra ?? 0),
    changed: sum((f) => f.changed ?? 0),
    flagDifferences: sum((f) => f.flagDifferences),
    filtered: sum((f) => f.filtered ?? 0),
    unverified: folders.filter((f) => f.error).length,
  };
}

/**
 * The folders worth listing: a finding or an error, a letter the destination rewrote
 * included. Clean ones count in the totals only.
 */
export function foldersWithFindings(folders: FolderAudit[]): FolderAudit[] {
  return folders.filter(
    (f) =>
      f.missing + f.refused + (f.changed ?? 0) + (f.extra ?? 0) + f.flagDifferences > 0 || f.error,
  );
}

/**
 * The job's final outcome once the copy and its audit are both over: a job never says
 * completed while the audit finds a missing message. An audit that could not run leaves the
 * copy's outcome (its reason is in the job's lines): it proved nothing either way.
 */
export function auditedOutcome(copy: Outcome, audit: AuditVerdict): Outcome {
  const totals = audit.totals;
  if (audit.state !== 'done' || !totals) return copy;
  if (totals.missing > 0) {
    const error = `${plural(totals.missing, 'message')} missing at the destination`;
    return {
      status: 'incomplete',
      error,
      line: { level: 'error', message: `Migration incomplete: ${error}` },
    };
  }
  if (totals.unverified > 0 && copy.status === 'completed') {
    const message = `Migration completed with errors: ${plural(totals.unverified, 'folder')} could not be verified`;
    return { status: 'completed_with_errors', error: null, line: { level: 'warning', message } };
  }
  return copy;
}

/** The line an audit's answer earns in the job's log. */
export function auditLine(audit: AuditVerdict): StatusLine {
  const totals = audit.totals;
  if (audit.state === 'failed' || !totals) {
    return {
      level: 'warning',
      message: `Verification could not run: ${audit.error ?? 'no answer'}`,
    };
  }
  const parts = [
    `${totals.missing} missing`,
    `${totals.refused} refused by the destination`,
    // There, though not byte for byte: never counted missing.
    `${totals.changed} changed by the destination`,
    ...(totals.extra === null ? [] : [`${totals.extra} extra`]),
    `${totals.flagDifferences} with different flags`,
    ...(totals.filtered > 0 ? [`${totals.filtered} left out by the message filter`] : []),
    ...(totals.unverified > 0 ? [`${totals.unverified} folders not verified`] : []),
  ];
  const level = totals.missing > 0 ? 'error' : totals.unverified > 0 ? 'warning' : 'info';
  return { level, message: `Verified ${plural(totals.folders, 'folder')}: ${parts.join(', ')}` };
}

/**
 * Deliveries of job.audited that wait for the parts of its report (a few minutes of the
 * bus's backoff); the last of them records the audit with the parts that came. Below the
 * bus's 20 deliveries, so that the audit is recorded rather than given up on.
 */
export const REPORT_WAIT_DELIVERIES = 16;

/** What to do with a report of which `stored` of `expected` findings are in. */
export function reportState(
  stored: number,
  expected: number,
  delivery: number,
): 'whole' | 'wait' | 'partial' {
  if (stored >= expected) return 'whole';
  return delivery < REPORT_WAIT_DELIVERIES ? 'wait' : 'partial';
}

/** The auditor's report lost parts on the way: the audit's counts stand, its list is short. */
export function reportIncompleteLine(stored: number, expected: number): StatusLine {
  return {
    level: 'warning',
    message: `The audit report is incomplete: ${stored} of ${plural(expected, 'finding')} arrived`,
  };
}

export function auditStartedLine(folders: number): StatusLine {
  return {
    level: 'info',
    message: `Verifying: comparing ${plural(folders, 'folder')} with the destination`,
  };
}
