import { IsBoolean, IsOptional } from 'class-validator';

/** What the user chose on the start page; every flag is explicit. */
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

  /** Skip messages already in the destination folder (matched by identity). */
  @IsBoolean()
  replaceExisting: boolean;

  /**
   * After copying, compare every folder with its destination (the completeness audit).
   * Absent means on: clients that predate the option still get the audit.
   */
  @IsOptional()
  @IsBoolean()
  verify?: boolean;
}

/** The audit runs unless the user turned it off. */
export function wantsAudit(options: Pick<JobOptions, 'verify' | 'foldersOnly'>): boolean {
  return options.verify !== false && !options.foldersOnly;
}
