import type { JobSwitch } from '../job-options';

/** An option as people meet it: its label on the start page and what it makes BTSX do. */
export interface JobOptionText {
  label: string;
  /** One sentence; the start page, the CLI's help and the API's OpenAPI schema show it as is. */
  description: string;
}

/** Every option's label and its one description, in the order the start page lists them. */
export const JOB_OPTION_TEXTS: Readonly<Record<JobSwitch, JobOptionText>> = {
  deleteSource: {
    label: 'Delete Source',
    description:
      'Deletes each message from the source once the destination has confirmed its copy.',
  },
  foldersOnly: {
    label: 'Folders Only',
    description: 'Recreates the folder structure at the destination without copying any message.',
  },
  progressUpdates: {
    label: 'Progress Updates',
    description:
      'Counts the messages of every folder before copying, so the job has a total, a percentage and a time left; counting can delay the start of the copy.',
  },
  // The page keeps the seed's label; nothing is replaced: found copies are kept and aligned.
  reconcileExisting: {
    label: 'Replace Existing',
    description:
      'Checks every message against what the destination already holds, by content, so a message already there (even one another tool put there) is not copied again, and gives that copy the flags the source message has.',
  },
  verify: {
    label: 'Verify',
    description:
      'After copying, compares every folder with the destination and reports any message missing.',
  },
};
