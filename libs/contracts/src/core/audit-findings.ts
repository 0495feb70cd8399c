/** What an audit can find wrong with one message: a row of the audit report is one of these. */
export const AUDIT_FINDING_KINDS = ['missing', 'refused', 'changed', 'extra', 'flags'] as const;
export type AuditFindingKind = (typeof AUDIT_FINDING_KINDS)[number];

/** Header values in a report are cut here: enough to recognise a letter, bounded in size. */
export const REPORTED_HEADER_CHARS = 200;

/** Findings per job.audit.findings message: far below NATS's 1 MB payload limit. */
export const FINDINGS_PER_MESSAGE = 500;
