import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AUDIT_FINDING_KINDS,
  AuditFindingKind,
  FINDINGS_PER_MESSAGE,
  REPORTED_HEADER_CHARS,
} from './core/audit-findings';
import { CREDENTIAL_OWNER_PATTERN, CredentialOwner } from './core/credential-owner';
import { MessageSelection } from './job-options';
import { PassRange } from './messages/folder-mark';

/** One copied folder pair to compare, with the source UIDs the destination refused. */
export class AuditFolderRequest {
  @IsString()
  source: string;

  @IsString()
  destination: string;

  /** Recorded failures: missing at the destination, but known and reported as refused. */
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  refusedUids: number[];

  /** Why the destination refused to create the folder: nothing was copied, nothing is compared. */
  @IsOptional()
  @IsString()
  notCreated?: string;

  /**
   * Source folders whose messages the copy left out of this one (the planner's
   * PlannedFolder.skipMessagesIn): at the destination they are not missing.
   */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  skipMessagesIn?: string[];

  /**
   * The plan's PlannedFolder.destinationIsView: extras at the destination are expected. Absent
   * for a job planned before it was recorded: the auditor then lists the destination itself.
   */
  @IsOptional()
  @IsBoolean()
  destinationIsView?: boolean;

  /**
   * The automatic audit of a delta pass: compare only what the pass copied, the source's
   * messages from the range's source UID with the destination's from its destination UID. A
   * source message the range does not find there has the whole folder compared.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => PassRange)
  range?: PassRange;

  /** The automatic audit of a delta pass that found the folder unchanged: nothing to compare. */
  @IsOptional()
  @IsBoolean()
  unchanged?: boolean;
}

/** job.audit.requested: compare every copied folder with its destination, message by message. */
export class JobAuditRequested {
  @IsUUID()
  auditId: string;

  @IsUUID()
  jobId: string;

  /** Whose logins the audit signs in with: the job's own, or fresh ones of its own. */
  @Matches(CREDENTIAL_OWNER_PATTERN)
  logins: CredentialOwner;

  /** The copy moved messages: only what is still in the source can be compared. */
  @IsBoolean()
  deleteSource: boolean;

  /** Compare a SHA-256 of every message on both sides, not only where identity and size are ambiguous. */
  @IsOptional()
  @IsBoolean()
  deep?: boolean;

  /** The job's message filter: source messages it left out are counted, not compared. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageSelection)
  messages?: MessageSelection;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AuditFolderRequest)
  folders: AuditFolderRequest[];
}

/** A message named in an audit: its UID in the folder it was found in, never its body. */
export class AuditedMessage {
  @IsInt()
  uid: number;

  /** Absent for messages identified by a content digest. */
  @IsOptional()
  @IsString()
  messageId?: string;

  @IsInt()
  size: number;

  /** Where the destination keeps its changed copy (a "changed" sample). */
  @IsOptional()
  @IsInt()
  destinationUid?: number;

  @IsOptional()
  @IsInt()
  destinationSize?: number;
}

export class FlagDifference {
  @IsInt()
  sourceUid: number;

  @IsInt()
  destinationUid: number;

  @IsArray()
  @IsString({ each: true })
  sourceFlags: string[];

  @IsArray()
  @IsString({ each: true })
  destinationFlags: string[];
}

/** The first few of each finding, so a report can name messages without growing unbounded. */
export class FolderAuditSamples {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AuditedMessage)
  missing: AuditedMessage[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AuditedMessage)
  extra: AuditedMessage[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FlagDifference)
  flags: FlagDifference[];

  /** Absent in findings of an auditor older than the changed count. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AuditedMessage)
  changed?: AuditedMessage[];
}

/** One folder pair's findings. */
export class FolderAudit {
  @IsString()
  source: string;

  @IsString()
  destination: string;

  /** Source messages the destination lacks, refused ones not counted. */
  @IsInt()
  @Min(0)
  missing: number;

  /** Source messages the destination lacks because it refused them (recorded failures). */
  @IsInt()
  @Min(0)
  refused: number;

  /**
   * Destination messages the source lacks (mail that was there before, or arrived since);
   * null when it cannot be told: Delete Source moved the source away.
   */
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  extra: number | null;

  /**
   * Source messages the destination holds only as a rewritten copy (8-bit header bytes
   * replaced, line endings changed): there, but not byte for byte. Absent from an auditor
   * older than this count.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  changed?: number;

  /** Messages on both sides whose flags differ. */
  @IsInt()
  @Min(0)
  flagDifferences: number;

  /**
   * Source messages the job's message filter left out: not compared, never missing. Absent
   * from an auditor older than the filters.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  filtered?: number;

  @ValidateNested()
  @Type(() => FolderAuditSamples)
  samples: FolderAuditSamples;

  /** The folder could not be compared (it vanished, or could not be opened). */
  @IsOptional()
  @IsString()
  error?: string;
}

/**
 * One message an audit found out of place: a row of the audit report. Source fields are
 * absent for an extra message, destination fields for a missing or refused one.
 */
export class AuditFinding {
  @IsIn(AUDIT_FINDING_KINDS)
  kind: AuditFindingKind;

  @IsString()
  sourceFolder: string;

  @IsString()
  destinationFolder: string;

  @IsOptional()
  @IsInt()
  sourceUid?: number;

  @IsOptional()
  @IsInt()
  sourceSize?: number;

  @IsOptional()
  @IsInt()
  destinationUid?: number;

  @IsOptional()
  @IsInt()
  destinationSize?: number;

  @IsOptional()
  @IsString()
  @MaxLength(REPORTED_HEADER_CHARS)
  messageId?: string;

  /** The Date header as the letter gives it. */
  @IsOptional()
  @IsString()
  @MaxLength(REPORTED_HEADER_CHARS)
  date?: string;

  @IsOptional()
  @IsString()
  @MaxLength(REPORTED_HEADER_CHARS)
  subject?: string;

  /** A flags finding: the flags on each side, compared without case and \\Recent. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  sourceFlags?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  destinationFlags?: string[];
}

/**
 * job.audit.findings: one part of an audit's report. `attempt` tells the parts of a
 * redelivered audit from those of the run before it.
 */
export class JobAuditFindings {
  @IsUUID()
  auditId: string;

  @IsUUID()
  jobId: string;

  @IsInt()
  @Min(1)
  attempt: number;

  @IsInt()
  @Min(0)
  part: number;

  @IsArray()
  @ArrayMaxSize(FINDINGS_PER_MESSAGE)
  @ValidateNested({ each: true })
  @Type(() => AuditFinding)
  findings: AuditFinding[];
}

/** job.audited: the auditor's answer to one job.audit.requested. */
export class JobAudited {
  @IsUUID()
  auditId: string;

  @IsUUID()
  jobId: string;

  /** The run whose job.audit.findings make up the report (absent: an auditor without reports). */
  @IsOptional()
  @IsInt()
  @Min(1)
  attempt?: number;

  /** How many findings that run published: the report is whole once all of them are stored. */
  @IsOptional()
  @IsInt()
  @Min(0)
  findings?: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FolderAudit)
  folders: FolderAudit[];

  /** The audit could not run at all (an account refused the login, a server was down). */
  @IsOptional()
  @IsString()
  error?: string;
}
