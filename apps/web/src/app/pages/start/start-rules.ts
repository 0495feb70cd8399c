import type { JobOptions } from '@btsx/contracts';

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

export interface OptionChoice {
  key: keyof JobOptions;
  label: string;
  /** One line, saying what the option makes the copier do. */
  help: string;
}

export const OPTION_CHOICES: readonly OptionChoice[] = [
  {
    key: 'deleteSource',
    label: 'Delete Source',
    help: 'Deletes each message from the source once the destination has confirmed its copy.',
  },
  {
    key: 'foldersOnly',
    label: 'Folders Only',
    help: 'Recreates the folder structure at the destination without copying any message.',
  },
  {
    key: 'progressUpdates',
    label: 'Progress Updates',
    help: 'Counts the messages first, so the status page can show a percentage and a time left.',
  },
  {
    key: 'replaceExisting',
    label: 'Replace Existing',
    help: 'Checks every message already at the destination and brings its flags up to date with the source.',
  },
  {
    key: 'verify',
    label: 'Verify',
    help: 'After copying, compares every folder with the destination and reports any message missing.',
  },
];

export const DEFAULT_OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: true,
  replaceExisting: false,
  verify: true,
};
