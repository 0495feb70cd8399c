import type { JobOptions, JobSwitch } from '@btsx/contracts';
import { JOB_OPTION_TEXTS, type JobOptionText } from '@btsx/contracts/core';

export interface StartReadiness {
  sourceAuthenticated: boolean;
  destinationAuthenticated: boolean;
  termsAgreed: boolean;
}

/** What still stands between the person and Start Migration; empty when nothing does. */
export function missingForStart(r: StartReadiness): string[] {
  const missing: string[] = [];
  if (!r.sourceAuthenticated) missing.push('authenticate the source account');
  if (!r.destinationAuthenticated) missing.push('authenticate the destination account');
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
