import { Exclude, Expose, Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/**
 * What the user chose on the start page; every flag is explicit. What each option does,
 * in words, is `JOB_OPTION_TEXTS` (the core).
 */
export class JobOptions {
  /** Expunge each source message once the destination confirmed it. */
  @IsBoolean()
  deleteSource: boolean;

  /** Recreate the folder structure only; copy no message. */
  @IsBoolean()
  foldersOnly: boolean;

  /** Count messages first so the job has a total and a percentage. */
  @IsBoolean()
  progressUpdates: boolean;

  /**
   * Check every message against the destination by content, copy none found there again
   * and give each found copy the source's flags (labelled Replace Existing on the page).
   * Bodies that still say `replaceExisting`, its deprecated name, are read as this.
   */
  @Expose()
  @Transform(({ value, obj }) => value ?? (obj as LegacyJobOptions).replaceExisting)
  @IsBoolean()
  reconcileExisting: boolean;

  /** The deprecated name, dropped as a body is read: reconcileExisting holds its value. */
  @Exclude({ toClassOnly: true })
  private readonly replaceExisting?: never;

  /**
   * After copying, compare every folder with its destination (the completeness audit).
   * Absent means on: clients that predate the option still get the audit.
   */
  @IsOptional()
  @IsBoolean()
  verify?: boolean;
}

/** What clients before the rename, and jobs queued before it, send. */
interface LegacyJobOptions {
  replaceExisting?: unknown;
}

/** The audit runs unless the user turned it off. */
export function wantsAudit(options: Pick<JobOptions, 'verify' | 'foldersOnly'>): boolean {
  return options.verify !== false && !options.foldersOnly;
}
