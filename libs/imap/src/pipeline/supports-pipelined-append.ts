/** A logged-in connection that tells which capabilities its server announced (an ImapSession). */
interface AnnouncesCapabilities {
  hasCapability(name: string): boolean;
}

/**
 * True when the server takes non-synchronizing literals (RFC 7888): LITERAL+ for any size, or
 * LITERAL- for literals up to 4096 bytes (larger ones then go synchronizing, one round trip
 * each, still correct). Otherwise use appendMessage (imapflow).
 */
export function supportsPipelinedAppend(session: AnnouncesCapabilities): boolean {
  return session.hasCapability('LITERAL+') || session.hasCapability('LITERAL-');
}
