import { waitUntil } from '@btsx/runner';
import { receivesGreeting } from './tcp-greeting';

/** A freshly spawned server answers within this; Courier and Cyrus take well under a second. */
const READY_TIMEOUT_MS = 10_000;

/** An account on a test server. */
export interface ImapTestUser {
  username: string;
  password: string;
}

/**
 * What every throwaway IMAP server of these tests offers (Dovecot, Courier, Cyrus), so the
 * helpers that log in, seed and read work against each of them.
 */
export interface ImapTestServer {
  host: string;
  /** Plaintext port. */
  port: number;
  /** Hierarchy separator of the personal namespace. */
  separator: '/' | '.';
  /**
   * Prefix of the personal namespace: '' when folders sit beside INBOX, 'INBOX.' when they
   * live under it (Courier). INBOX itself is named INBOX either way.
   */
  namespacePrefix: '' | 'INBOX.';
  /** Creates the account; it may log in once this resolves. */
  addUser(user: ImapTestUser): Promise<void>;
  /** IMAP sessions the user has open right now. */
  sessionsOf(username: string): Promise<number>;
  /** Users with at least one IMAP session open right now. */
  usersWithSessions(): Promise<string[]>;
  stop(): Promise<void>;
}

/** A server process just spawned, as its start function holds it. */
export interface SpawnedImapServer {
  name: string;
  host: string;
  port: number;
  /** Settles when the process exits: waiting for a greeting stops there. */
  exited: Promise<string>;
  addUser(user: ImapTestUser): Promise<void>;
  stop(): Promise<void>;
}

/** Waits for the greeting, then creates the first accounts; stops the server if either fails. */
export async function readyWithUsers(
  server: SpawnedImapServer,
  users: ImapTestUser[] = [],
): Promise<void> {
  try {
    await waitUntil(server.name, () => receivesGreeting(server.host, server.port, '* OK'), {
      timeoutMs: READY_TIMEOUT_MS,
      abort: server.exited,
    });
    for (const user of users) await server.addUser(user);
  } catch (error) {
    await server.stop();
    throw error;
  }
}
