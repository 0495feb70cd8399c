import type { FolderMapping } from '@btsx/imap';
import { PermanentError } from '@btsx/platform';

/**
 * A job's plan travels as one bus message, and NATS refuses one over its max_payload (1 MB
 * by default, which our deployments keep); the rest of the plan and a margin take the rest.
 */
export const MAX_PLAN_BYTES = 900 * 1024;
/** A planned folder's JSON besides its two names: the keys, a task id, a message count. */
const FOLDER_OVERHEAD_BYTES = 90;

/**
 * Fails the plan before any task goes out when its folders would not fit in one message:
 * within the folder caps (MAX_FOLDERS, MAX_FOLDER_NAME_BYTES) long names still can.
 */
export function checkPlanSize(mappings: readonly FolderMapping[]): void {
  const bytes = mappings.reduce(
    (sum, { source, destination }) =>
      sum + Buffer.byteLength(JSON.stringify([source, destination])) + FOLDER_OVERHEAD_BYTES,
    0,
  );
  if (bytes <= MAX_PLAN_BYTES) return;
  const kb = (n: number) => Math.ceil(n / 1024);
  throw new PermanentError(
    `The account's ${mappings.length} folders make a plan of ${kb(bytes)} KB; one job carries at most ${kb(MAX_PLAN_BYTES)} KB (fewer folders or shorter names)`,
  );
}
