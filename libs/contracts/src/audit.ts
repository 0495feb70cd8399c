import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CredentialPair } from './migration-request';

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
}

/** job.audit.requested: compare every copied folder with its destination, message by message. */
export class JobAuditRequested extends CredentialPair {
  @IsUUID()
  auditId: string;

  @IsUUID()
  jobId: string;

  /** The copy moved messages: only what is still in the source can be compared. */
  @IsBoolean()
  deleteSource: boolean;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AuditFolderRequest)
  folders: AuditFolderRequest[];
}

/** A message named in an audit: its UID in the folder it was found in, never its content. */
export class AuditedMessage {
  @IsInt()
  uid: number;

  /** Absent for messages identified by a content digest. */
  @IsOptional()
  @IsString()
  messageId?: string;

  @IsInt()
  size: number;
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

  /** Messages on both sides whose flags differ. */
  @IsInt()
  @Min(0)
  flagDifferences: number;

  @ValidateNested()
  @Type(() => FolderAuditSamples)
  samples: FolderAuditSamples;

  /** The folder could not be compared (it vanished, or could not be opened). */
  @IsOptional()
  @IsString()
  error?: string;
}

/** job.audited: the auditor's answer to one job.audit.requested. */
export class JobAudited {
  @IsUUID()
  auditId: string;

  @IsUUID()
  jobId: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FolderAudit)
  folders: FolderAudit[];

  /** The audit could not run at all (an account refused the login, a server was down). */
  @IsOptional()
  @IsString()
  error?: string;
}
