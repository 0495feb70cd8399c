import { AccountSide, ImapEndpoint, JobOptions } from '@btsx/contracts';

/** Who an account is, as far as a restart cares: the same mailbox on the same server. */
export type AccountIdentity = Pick<ImapEndpoint, 'host' | 'username'>;

/**
 * Why a restart must refuse this account, or null when it is the original job's. Host
 * names are case-insensitive (DNS) and may end in a root dot; user names are compared
 * without case, as IMAP servers log them in.
 */
export function accountMismatch(
  side: AccountSide,
  original: AccountIdentity,
  described: AccountIdentity,
): string | null {
  const host = (h: string) => h.trim().toLowerCase().replace(/\.$/, '');
  const user = (u: string) => u.trim().toLowerCase();
  if (
    host(original.host) === host(described.host) &&
    user(original.username) === user(described.username)
  ) {
    return null;
  }
  const label = side === 'source' ? 'The source account' : 'The destination account';
  return `${label} must be the same as the original job's: ${original.username} on ${original.host}`;
}

/**
 * A restart runs the original's choices again with reconcileExisting on (Replace Existing):
 * whatever is already at the destination, the first run's copies included, is found and not
 * copied again, and its flags follow the source's. A delta pass turns it off: it reads only
 * what changed, and the copy ledger knows what the passes before it copied.
 */
export function restartOptions(options: JobOptions, delta = false): JobOptions {
  return { ...options, reconcileExisting: !delta };
}
