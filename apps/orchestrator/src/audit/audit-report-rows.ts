import {
  AUDIT_FINDING_KINDS,
  AuditFinding,
  AuditReportRow,
  JobAuditFindings,
} from '@btsx/contracts';
import { AuditFindingEntity } from './audit-finding.entity';

/** Sorts a finding whose folder is not in the job's plan after every folder that is. */
export const UNLISTED_FOLDER_POSITION = 2_147_483_647;

/** The reason of a refusal that no recorded failure explains (it was never recorded). */
const REFUSED_WITHOUT_FAILURE = 'refused by the destination';

/** A stored finding as the report reads it, with the failure that explains a refusal. */
export type StoredFinding = AuditFindingEntity & { failureReason: string | null };

/** The row a finding becomes: sortable by folder position, kind and UID. */
export function findingRow(
  event: Pick<JobAuditFindings, 'auditId' | 'attempt' | 'part'>,
  position: number,
  finding: AuditFinding,
  folderPosition: number | undefined,
): AuditFindingEntity {
  return {
    auditId: event.auditId,
    attempt: event.attempt,
    part: event.part,
    position,
    folderPosition: folderPosition ?? UNLISTED_FOLDER_POSITION,
    kindRank: AUDIT_FINDING_KINDS.indexOf(finding.kind),
    uid: finding.sourceUid ?? finding.destinationUid ?? 0,
    kind: finding.kind,
    sourceFolder: finding.sourceFolder,
    destinationFolder: finding.destinationFolder,
    sourceUid: finding.sourceUid ?? null,
    sourceSize: finding.sourceSize ?? null,
    destinationUid: finding.destinationUid ?? null,
    destinationSize: finding.destinationSize ?? null,
    messageId: finding.messageId ?? null,
    date: finding.date ?? null,
    subject: finding.subject ?? null,
    sourceFlags: finding.sourceFlags ?? null,
    destinationFlags: finding.destinationFlags ?? null,
  };
}

/** Why a finding is one, in words: the server's own reason for a refusal. */
export function findingReason(
  finding: Pick<AuditFinding, 'kind' | 'sourceSize' | 'destinationSize'>,
  failureReason: string | null = null,
): string {
  switch (finding.kind) {
    case 'missing':
      return 'not at the destination';
    case 'refused':
      return failureReason ?? REFUSED_WITHOUT_FAILURE;
    case 'changed':
      return changedReason(finding.sourceSize, finding.destinationSize);
    case 'extra':
      return 'at the destination only';
    case 'flags':
      return 'flags differ';
  }
}

function changedReason(source?: number, destination?: number): string {
  const what = 'changed by the destination';
  if (source === undefined || destination === undefined) return what;
  return `${what}: ${thousands(destination)} bytes there, ${thousands(source)} in the source`;
}

/** 1240 → "1,240", whatever locale data the Node build carries. */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A report row: the finding with only the fields it has, and its reason. */
export function reportRow(stored: StoredFinding): AuditReportRow {
  const finding: AuditFinding = {
    kind: stored.kind,
    sourceFolder: stored.sourceFolder,
    destinationFolder: stored.destinationFolder,
  };
  const optional = {
    sourceUid: stored.sourceUid,
    sourceSize: stored.sourceSize,
    destinationUid: stored.destinationUid,
    destinationSize: stored.destinationSize,
    messageId: stored.messageId,
    date: stored.date,
    subject: stored.subject,
    sourceFlags: stored.sourceFlags,
    destinationFlags: stored.destinationFlags,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== null) Object.assign(finding, { [key]: value });
  }
  return { ...finding, reason: findingReason(finding, stored.failureReason) };
}
