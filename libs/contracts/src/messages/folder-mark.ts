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
}

/** A folder's mark from the previous pass, with the folder pair it was made for. */
export class PassedFolder extends FolderMark {
  @IsString()
  source: string;

  @IsString()
  destination: string;
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
