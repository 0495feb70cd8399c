import type { JobOptions, JobSwitch } from '@btsx/contracts';
import {
  describeFolderMapRule,
  folderPatternProblem,
  folderRulesOption,
  parseFolderMapRule,
  typedFolderMapRuleProblem,
  JOB_OPTION_TEXTS,
  type JobOptionText,
} from '@btsx/contracts/core';

export interface StartReadiness {
  sourceAuthenticated: boolean;
  destinationAuthenticated: boolean;
  termsAgreed: boolean;
  /** Every folder pattern and folder rule compiles. */
  foldersValid: boolean;
}

/** What still stands between the person and Start Migration; empty when nothing does. */
export function missingForStart(r: StartReadiness): string[] {
  const missing: string[] = [];
  if (!r.sourceAuthenticated) missing.push('authenticate the source account');
  if (!r.destinationAuthenticated) missing.push('authenticate the destination account');
  if (!r.foldersValid) missing.push('correct the folder patterns and rules');
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

/** The page's folder fields: patterns, and rules (`FROM => TO`), one a line. */
export interface FolderFields {
  include: string;
  exclude: string;
  map: string;
}

/** The patterns of a field: one a line, blanks around them and blank lines dropped. */
export function patternLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What `problemOf` says of the first line of a field it refuses; null when it takes all. */
function firstProblem(text: string, problemOf: (line: string) => string | undefined) {
  for (const line of patternLines(text)) {
    const problem = problemOf(line);
    if (problem) return problem;
  }
  return null;
}

/** What is wrong with the first pattern of a field that does not compile; null when none. */
export function patternsProblem(text: string): string | null {
  return firstProblem(text, (pattern) => {
    const problem = folderPatternProblem(pattern);
    return problem && `${pattern}: ${problem}`;
  });
}

/** What is wrong with the first rule of the rules field that does not compile; null when none. */
export function rulesProblem(text: string): string | null {
  return firstProblem(text, typedFolderMapRuleProblem);
}

/** The folder fields as JobOptions.folders: nothing when all are empty. */
export function folderRules(fields: FolderFields): Pick<JobOptions, 'folders'> {
  return folderRulesOption({
    include: patternLines(fields.include),
    exclude: patternLines(fields.exclude),
    map: patternLines(fields.map).flatMap((line) => parseFolderMapRule(line) ?? []),
  });
}

/** JobOptions.folders back into the fields (a page restored after an OAuth sign-in). */
export function folderFields({ folders }: Pick<JobOptions, 'folders'>): FolderFields {
  const lines = (entries?: string[]) => (entries ?? []).join('\n');
  return {
    include: lines(folders?.include),
    exclude: lines(folders?.exclude),
    map: lines(folders?.map?.map(describeFolderMapRule)),
  };
}
