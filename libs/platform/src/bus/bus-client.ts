import {
  BroadcastPayloads,
  BroadcastSubject,
  JetStreamPayloads,
  JetStreamSubject,
  RequestPayloads,
  RequestSubject,
} from '@btsx/contracts';
import { ErrorCode, NatsConnection } from 'nats';
import { RemoteError, ReplyEnvelope, unansweredBy } from './bus-errors';
import { decodeJson, encodeValidated } from './payload-codec';
import { publishHeaders } from './scheduled-delivery';

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * A stream whose leader was lost answers "no responders" (503), or nothing until the request
 * times out, until the other replicas elect a new one: about 5 s on a three-node cluster. A publish is tried again for this long before the caller sees it fail.
 */
const PUBLISH_PATIENCE_MS = 20_000;
const PUBLISH_RETRY_MS = 250;

/**
 * Whether a failed publish may be sent again without storing it twice: a 503 stored nothing;
 * after a timeout it may have been stored, and only a msgId makes the second one a no-op.
 */
function mayPublishAgain(error: unknown, msgId: string | undefined): boolean {
  const unanswered = unansweredBy(error);
  return (
    unanswered === ErrorCode.NoResponders ||
    (unanswered === ErrorCode.Timeout && msgId !== undefined)
  );
}

/** The sending side of the bus; a subject and its payload type must match at compile time. */
export class BusClient {
  constructor(private readonly nc: NatsConnection) {}

  /**
   * Durable publish: resolves once JetStream stored the event, through a leader election.
   * `msgId` makes a republish within the stream's duplicate window a no-op; a consumer
   * handles it no earlier than `notBefore`.
   */
  async publish<S extends JetStreamSubject>(
    subject: S,
    payload: JetStreamPayloads[S],
    msgId?: string,
    notBefore?: Date,
  ): Promise<void> {
    const h = publishHeaders(msgId, notBefore);
    const data = encodeValidated(subject, payload);
    const giveUpAt = Date.now() + PUBLISH_PATIENCE_MS;
    for (;;) {
      try {
        await this.nc.jetstream().publish(subject, data, { headers: h });
        return;
      } catch (error) {
        if (!mayPublishAgain(error, msgId) || Date.now() >= giveUpAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, PUBLISH_RETRY_MS));
      }
    }
  }

  /** Fire-and-forget to every subscriber. */
  broadcast<S extends BroadcastSubject>(subject: S, payload: BroadcastPayloads[S]): void {
    this.nc.publish(subject, encodeValidated(subject, payload));
  }

  async request<S extends RequestSubject>(
    subject: S,
    payload: RequestPayloads[S]['request'],
    timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ): Promise<RequestPayloads[S]['reply']> {
    const msg = await this.nc.request(subject, encodeValidated(subject, payload), {
      timeout: timeoutMs,
    });
    const reply = decodeJson(msg.data) as ReplyEnvelope<RequestPayloads[S]['reply']>;
    if (!reply.ok)
      throw new RemoteError(reply.error.message, reply.error.kind, reply.error.permanent);
    return reply.value;
  }
}
