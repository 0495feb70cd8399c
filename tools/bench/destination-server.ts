import { type ImapTestServer, type ImapTestUser, startCourier, startCyrus } from '@btsx/testing';

/** The bench's destination server; the source is always Dovecot. */
export type DestinationKind = 'dovecot' | 'courier' | 'cyrus';

export const DESTINATION_KINDS: readonly DestinationKind[] = ['dovecot', 'courier', 'cyrus'];

/**
 * Courier or Cyrus with the destination accounts, as their Debian packages set them up
 * (Courier: folders under INBOX., '.'; Cyrus 3.6: '/'); null for Dovecot, which the testbed
 * starts itself.
 */
export async function startOtherDestination(
  kind: DestinationKind,
  users: ImapTestUser[],
): Promise<ImapTestServer | null> {
  if (kind === 'courier') return startCourier({ users });
  if (kind === 'cyrus') return startCyrus({ users });
  return null;
}
