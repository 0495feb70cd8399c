import {
  courierHabits,
  cyrusHabits,
  dovecotHabits,
  type ImapTestServer,
  type ImapTestUser,
  type ServerHabits,
  startCourier,
  startCyrus,
} from '@btsx/testing';

/** The bench's destination server; the source is always Dovecot. */
export type DestinationKind = 'dovecot' | 'courier' | 'cyrus';

export const DESTINATION_KINDS: readonly DestinationKind[] = ['dovecot', 'courier', 'cyrus'];

/** How each destination stores what it is given: Cyrus writes 8-bit header bytes as X. */
export const DESTINATION_HABITS: Record<DestinationKind, ServerHabits> = {
  dovecot: dovecotHabits,
  courier: courierHabits,
  cyrus: cyrusHabits,
};

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
