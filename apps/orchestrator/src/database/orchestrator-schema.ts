/** The orchestrator's own Postgres schema; no other service reads it. */
export const ORCHESTRATOR_SCHEMA = 'orchestrator';

/** Postgres bigint arrives as a string; our values (bytes, IMAP UIDs) fit a JS number. */
export const BIGINT_AS_NUMBER = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
