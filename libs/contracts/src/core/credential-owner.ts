/** The two accounts of every migration. */
export const ACCOUNT_SIDES = ['source', 'destination'] as const;
export type AccountSide = (typeof ACCOUNT_SIDES)[number];

/**
 * A credential token: what POST /api/auth/imap/verify or an OAuth sign-in hands the client
 * that signed in. It is good once, for one side, from that client's session: POST /api/jobs
 * (or a restart, or a verify) claims it for the job, and from then on nothing names it.
 */
export const CREDENTIAL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whose logins a credential is, once claimed: auth keeps each under its owner and side, and
 * workers resolve a login by them. A job's own logins serve its planning, copy and audit; an
 * on-demand audit of a finished job brings fresh logins of its own.
 */
export type CredentialOwner = `job:${string}` | `audit:${string}`;

export const CREDENTIAL_OWNER_PATTERN =
  /^(job|audit):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function jobLogins(jobId: string): CredentialOwner {
  return `job:${jobId}`;
}

export function auditLogins(auditId: string): CredentialOwner {
  return `audit:${auditId}`;
}
