import {
  BroadcastPayloads,
  BroadcastSubject,
  JetStreamPayloads,
  JetStreamSubject,
  RequestPayloads,
  RequestSubject,
} from '@btsx/contracts';
import { headers, NatsConnection } from 'nats';
import { RemoteError, ReplyEnvelope } from './bus-errors';
import { decodeJson, encodeValidated } from './payload-codec';

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * A stream whose leader was lost answers "no responders" (503) until the other replicas
 * elect a new one, about 3 s on a quiet three-node cluster: a publish is tried again for up
 * to 15 s before the caller sees it fail. Nothing is stored twice: a 503 stored nothing, and a
 * msgId makes a republish a no-op.
 */
const PUBLISH_RETRIES = { retries: 60, retry_delay: 250 };

/** The sending side of the bus; a subject and its payload type must match at compile time. */
export class BusClient {
  constructor(private readonly nc: NatsConnection) {}

  /**
   * Durable publish: resolves once JetStream stored the event, through a leader election.
   * `msgId` makes a republish within the stream's duplicate window a no-op.
   */
  async publish<S extends JetStreamSubject>(
    subject: S,
    payload: JetStreamPayloads[S],
    msgId?: string,
  ): Promise<void> {
    const h = headers();
    if (msgId) h.set('Nats-Msg-Id', msgId);
    const data = encodeValidated(subject, payload);
    await this.nc.jetstream().publish(subject, data, { headers: h, ...PUBLISH_RETRIES });
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
