import { ErrorCode } from 'nats';

/**
 * How a handler tells the bus what to do with a message it could not process: a
 * permanent error terminates the message (no redelivery), anything else is retried.
 */
export class PermanentError extends Error {
  readonly permanent = true;
}

export function isPermanent(error: unknown): boolean {
  return (error as { permanent?: unknown })?.permanent === true;
}

/**
 * Not a failure: the message came before something it waits for (the rest of a report), so
 * it is delivered again later, and the log says so quietly.
 */
export class NotYetError extends Error {
  readonly notYet = true;
}

export function isNotYet(error: unknown): boolean {
  return (error as { notYet?: unknown })?.notYet === true;
}

/**
 * How JetStream left a request unanswered, if it did: no responder (503, a stream without a
 * leader) or no answer in time (a leader lost or not yet elected). Undefined for an answer,
 * even a refusal.
 */
export function unansweredBy(
  error: unknown,
): ErrorCode.NoResponders | ErrorCode.Timeout | undefined {
  const code = (error as { code?: unknown })?.code;
  return code === ErrorCode.NoResponders || code === ErrorCode.Timeout ? code : undefined;
}

/** The failure a request/reply responder sent back. */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** What a responder puts on the wire: the value, or an error safe to show a user. */
export type ReplyEnvelope<T> =
  | { ok: true; value: T }
  | { ok: false; error: { kind: string; message: string; permanent: boolean } };
