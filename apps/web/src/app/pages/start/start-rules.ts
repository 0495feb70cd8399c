import type { JobOptions, JobSwitch } from '@btsx/contracts';
import {
  folderPatternProblem,
  folderRulesOption,
  JOB_OPTION_TEXTS,
  type JobOptionText,
} from '@btsx/contracts/core';

export interface StartReadiness {
  sourceAuthenticated: boolean;
  destinationAuthenticated: boolean;
  termsAgreed: boolean;
  /** Every folder pattern compiles. */
  foldersValid: boolean;
}

/** What still stands between the person and Start Migration; empty when nothing does. */
export function missingForStart(r: StartReadiness): string[] {
  const missing: string[] = [];
  if (!r.sourceAuthenticated) missing.push('authenticate the source account');
  if (!r.destinationAuthenticated) missing.push('authenticate the destination account');
  if (!r.foldersValid) missing.push('correct the folder patterns');
  if (!r.termsAgreed) missing.push('agree to the Terms of Service');
  return missing;
}

export interface OptionChoice extends JobOptionText {
  key: JobSwitch;
}

/** The page's checkboxes: each option's label and its one description, from the contracts. */
export const OPTION_CHOICES: readonly OptionChoice[] = (
  Object.keys(JOB_OPTION_TEXTS) as JobSwitch[]
).map((key) => ({ key, ...JOB_OPTION_TEXTS[key] }));

/** Every option off but Verify: the user selects the others, each for what it costs. */
export const DEFAULT_OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: false,
  reconcileExisting: false,
  verify: true,
};

/** The page's two folder fields: patterns, one a line. */
export interface FolderFields {
  include: string;
  exclude: string;
}

/** The patterns of a field: one a line, blanks around them and blank lines dropped. */
export function patternLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What is wrong with the first pattern of a field that does not compile; null when none. */
export function patternsProblem(text: string): string | null {
  for (const pattern of patternLines(text)) {
    const problem = folderPatternProblem(pattern);
    if (problem) return `${pattern}: ${problem}`;
  }
  return null;
}

/** The folder fields as JobOptions.folders: nothing when both are empty. */
export function folderRules(fields: FolderFields): Pick<JobOptions, 'folders'> {
  return folderRulesOption(patternLines(fields.include), patternLines(fields.exclude));
}

/** JobOptions.folders back into the fields (a page restored after an OAuth sign-in). */
export function folderFields(options: Pick<JobOptions, 'folders'>): FolderFields {
  const lines = (patterns?: string[]) => (patterns ?? []).join('\n');
  return { include: lines(options.folders?.include), exclude: lines(options.folders?.exclude) };
}
