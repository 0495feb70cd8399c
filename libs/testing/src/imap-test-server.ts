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
