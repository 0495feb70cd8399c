import type { ImapSession } from '../connection/imap-session';

/**
 * True when the server takes non-synchronizing literals (RFC 7888): LITERAL+ for any size, or
 * LITERAL- for literals up to 4096 bytes (larger ones then go synchronizing, one round trip
 * each, still correct). Otherwise use appendMessage (imapflow).
 */
export function supportsPipelinedAppend(session: Pick<ImapSession, 'hasCapability'>): boolean {
  return session.hasCapability('LITERAL+') || session.hasCapability('LITERAL-');
}
