/** A logged-in connection that tells which capabilities its server announced (an ImapSession). */
interface AnnouncesCapabilities {
  hasCapability(name: string): boolean;
}

/**
 * True for every server: the pipelined writer needs no extension. With LITERAL+ (RFC 7888)
 * each message follows its command at once; with LITERAL- those up to 4096 bytes do; otherwise
 * (Courier) each literal waits for its `+`, one APPEND at a time as imapflow's, but streamed
 * from the spool, on the writer's own connection. ImapSession.openAppender still asks; once it
 * stops asking, this goes.
 */
export function supportsPipelinedAppend(_session: AnnouncesCapabilities): boolean {
  return true;
}
