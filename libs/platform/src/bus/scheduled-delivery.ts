import { headers, type MsgHdrs } from 'nats';

/**
 * A JetStream message that must not be handled before a time (a copy task waiting for a
 * transfer quota) carries it in this header, ISO 8601. A header, not a payload field: a
 * service of the version before ignores it, where it would refuse an unknown field.
 */
export const NOT_BEFORE_HEADER = 'Btsx-Not-Before';
/** The streams keep a message a week: no wait is longer. */
const LONGEST_WAIT_MS = 7 * 24 * 3600_000;

/** The publish headers of a message with its msgId (deduplication) and its time, if any. */
export function publishHeaders(msgId?: string, notBefore?: Date): MsgHdrs {
  const h = headers();
  if (msgId) h.set('Nats-Msg-Id', msgId);
  if (notBefore) h.set(NOT_BEFORE_HEADER, notBefore.toISOString());
  return h;
}

/** How long a delivered message still waits for its time; 0 when it may be handled now. */
export function scheduledWaitMs(h: MsgHdrs | undefined, now = Date.now()): number {
  const notBefore = Date.parse(h?.get(NOT_BEFORE_HEADER) ?? '');
  return Number.isFinite(notBefore) ? Math.min(Math.max(0, notBefore - now), LONGEST_WAIT_MS) : 0;
}
