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

/** The sending side of the bus; a subject and its payload type must match at compile time. */
export class BusClient {
  constructor(private readonly nc: NatsConnection) {}

  /**
   * Durable publish: resolves once JetStream stored the event. `msgId` makes a republish
   * within the stream's duplicate window a no-op.
   */
  async publish<S extends JetStreamSubject>(
    subject: S,
    payload: JetStreamPayloads[S],
    msgId?: string,
  ): Promise<void> {
    const h = headers();
    if (msgId) h.set('Nats-Msg-Id', msgId);
    await this.nc.jetstream().publish(subject, encodeValidated(subject, payload), { headers: h });
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
