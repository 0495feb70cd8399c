import { DEFAULT_BATCH_CREDENTIAL_DAYS, MAX_SCHEDULE_DAYS } from '@btsx/contracts/core';

/** How long a schedule keeps the passwords: the Terms page and the start page say it alike. */
export const SCHEDULE_PASSWORDS_TERMS =
  'A schedule of delta passes keeps both passwords, encrypted, until its final pass has ended, ' +
  'until it is cancelled, or until its end date, whichever comes first, and deletes them then. ' +
  `The end date is at most ${MAX_SCHEDULE_DAYS} days after you created the schedule.`;

/** Why a schedule refuses provider sign-ins: each pass would need the one sign-in again. */
export const SCHEDULE_OAUTH_TERMS =
  'Accounts signed in with Google or Microsoft 365 cannot be scheduled.';

/**
 * How long an administrator's batch keeps the passwords of its CSV: the Terms page and the
 * import form say it alike (the orchestrator's BATCH_CREDENTIAL_DAYS, at its default).
 */
export const BATCH_PASSWORDS_TERMS =
  "A batch an administrator imports keeps its mailboxes' passwords, encrypted, until " +
  `${DEFAULT_BATCH_CREDENTIAL_DAYS} days after its last pass ended (a retry or delta pass ` +
  'counts as a pass), and deletes them then. A scheduled batch keeps them until its final ' +
  'pass has ended or its end date, and deletes them then. Cancelling or deleting a batch ' +
  'deletes them at once.';
