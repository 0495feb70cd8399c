import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

/** A HIGHESTMODSEQ (RFC 7162): an unsigned 63-bit number, kept as its digits. */
const MODSEQ = /^[0-9]{1,19}$/;

/** An object id (RFC 8474 OBJECTID): 1 to 255 letters, digits, "_" and "-". */
export const OBJECT_ID = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * Where one pass over a source folder ended, so that the next pass copies only what changed:
 * the messages from `uidNext` on, and the flags changed since `highestModseq`.
 */
export class FolderMark {
  /** The source folder's UIDVALIDITY: another one means its UIDs start afresh. */
  @IsString()
  uidValidity: string;

  /** Every source UID below it was handled (copied, found there, filtered or refused for good). */
  @IsInt()
  @Min(1)
  uidNext: number;

  /** The source's HIGHESTMODSEQ when the pass began (CONDSTORE); absent where not offered. */
  @IsOptional()
  @Matches(MODSEQ)
  highestModseq?: string;

  /** Source messages below `uidNext` when the pass began: the next pass counts deletions by it. */
  @IsOptional()
  @IsInt()
  @Min(0)
  messages?: number;

  /**
   * The source folder's MAILBOXID (RFC 8474 OBJECTID), where the server has one: it stays the
   * same when the folder is renamed, so the next pass knows the folder under its new name.
   */
  @IsOptional()
  @Matches(OBJECT_ID)
  mailboxId?: string;
}

/** A folder's mark from the previous pass, with the folder pair it was made for. */
export class PassedFolder extends FolderMark {
  @IsString()
  source: string;

  @IsString()
  destination: string;
}

/**
 * The folder pair a renamed folder's previous pass was copied under: the copy ledger knows its
 * messages by those names.
 */
export class RenamedFrom {
  @IsString()
  source: string;

  @IsString()
  destination: string;
}

/**
 * A folder the source renamed since the previous pass, known by its MAILBOXID: its copy goes on
 * from the previous pass's mark instead of being copied again as a new folder.
 */
export class RenamedFolder {
  /** Its source name at the previous pass. */
  @IsString()
  from: string;

  /** Its source name now. */
  @IsString()
  to: string;

  /** Where its copy is now: renamed at the destination too, or still under its old name. */
  @IsString()
  destination: string;

  /** options.mirrorDeletions renamed the copy at the destination as well. */
  @IsBoolean()
  renamedAtDestination: boolean;
}

/**
 * Where a delta pass began copying a folder, on both sides: what it copied is the source's
 * messages from `sourceUid` on and the destination's from `destinationUid` on, each in its
 * UIDVALIDITY. Its automatic audit compares those two ranges, not the whole folder.
 */
export class PassRange {
  @IsString()
  sourceUidValidity: string;

  @IsInt()
  @Min(1)
  sourceUid: number;

  @IsString()
  destinationUidValidity: string;

  @IsInt()
  @Min(1)
  destinationUid: number;
}

/** What a delta pass found changed at the source in a folder since the previous pass. */
export class SinceLastPass {
  /** Messages below the previous mark whose flags the destination was given anew. */
  @IsInt()
  @Min(0)
  flagsChanged: number;

  /** Messages below the previous mark gone from the source (deleted or moved away). */
  @IsInt()
  @Min(0)
  removed: number;

  /**
   * options.mirrorDeletions: of the `removed`, those whose copies were deleted at the
   * destination too (the ones the copy ledger knew).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  mirrored?: number;

  /**
   * The source folder's UIDVALIDITY changed (it was recreated or renumbered): every message
   * was checked against the destination by content instead.
   */
  @IsOptional()
  @IsBoolean()
  renumbered?: boolean;

  /** Where the pass began copying; absent when a restart of the task blurs it (audit all). */
  @IsOptional()
  @ValidateNested()
  @Type(() => PassRange)
  copiedFrom?: PassRange;
}
