import { JetStreamPayloads, JetStreamSubject, streamOf } from '@btsx/contracts';
import { Logger } from '@nestjs/common';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JsMsg, NatsConnection } from 'nats';
import { isPermanent } from './bus-errors';
import { ensureStream } from './jetstream-setup';
import { durableName } from './jetstream-transport';
import { decodeJson, decodePayload } from './payload-codec';

/** Where JetStream tells that a consumer delivered a message its last time unacknowledged. */
const ADVISORY_PREFIX = '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES';
/** Keeps those advisories until they are handled, even while no watcher runs. */
export const ABANDONED_STREAM = 'BTSX_ABANDONED';
const ABANDONED_MAX_AGE_SECONDS = 7 * 24 * 3600;
/** A handler that failed (the database restarting) gets the advisory again after this. */
const RETRY_MS = 5_000;

interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

export type AbandonedHandler<S extends JetStreamSubject> = (
  payload: JetStreamPayloads[S],
  deliveries: number,
) => Promise<void>;

/** Where one worker consumer's abandoned messages go, with their payload decoded. */
export interface AbandonedWatch {
  subject: JetStreamSubject;
  /** The advisory subject of the worker's durable consumer. */
  advisory: string;
  take(data: Uint8Array, deliveries: number): Promise<void>;
}

/** Messages of `subject` that the `worker` service's consumer gave up on go to `handle`. */
export function abandonedWatch<S extends JetStreamSubject>(
  worker: string,
  subject: S,
  handle: AbandonedHandler<S>,
): AbandonedWatch {
  return {
    subject,
    advisory: `${ADVISORY_PREFIX}.${streamOf(subject).name}.${durableName(worker, subject)}`,
    take: (data, deliveries) =>
      handle(decodePayload(subject, data) as JetStreamPayloads[S], deliveries),
  };
}

/**
 * Takes over messages that workers abandoned: delivered max_deliver times without an ack or
 * a term, as when the worker process dies with the message every time. JetStream then stops
 * delivering the message and says so only in an advisory. The advisories are kept in a
 * stream of their own and read by one durable consumer of the watching service, so each is
 * handled once across its replicas, also when it came while none ran. `handle` gets the
 * stored message; then it is removed from its stream.
 */
export class AbandonedMessages {
  private readonly logger = new Logger('Abandoned work');
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly service: string,
    private readonly watches: AbandonedWatch[],
  ) {}

  async start(): Promise<void> {
    await ensureStream(this.nc, {
      name: ABANDONED_STREAM,
      subjects: this.watches.map((w) => w.advisory),
      retention: 'workqueue',
      maxAgeSeconds: ABANDONED_MAX_AGE_SECONDS,
    });
    const jsm = await this.nc.jetstreamManager();
    const durable = `${this.service}-abandoned`;
    await jsm.consumers
      .add(ABANDONED_STREAM, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      })
      .catch(() => jsm.consumers.info(ABANDONED_STREAM, durable));
    const consumer = await this.nc.jetstream().consumers.get(ABANDONED_STREAM, durable);
    this.messages = await consumer.consume();
    this.loop = this.takeOverAll(this.messages);
  }

  async stop(): Promise<void> {
    // The NATS connection may be draining already at shutdown; nothing is lost either way.
    await this.messages?.close().catch(() => undefined);
    await this.loop?.catch(() => undefined);
  }

  private async takeOverAll(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      try {
        await this.takeOver(msg);
        msg.ack();
      } catch (error) {
        this.logger.error(`${msg.subject}: ${String(error)}`);
        // A stored message that is not a valid payload will never be one.
        if (isPermanent(error)) msg.term();
        else msg.nak(RETRY_MS);
      }
    }
  }

  private async takeOver(msg: JsMsg): Promise<void> {
    const advisory = decodeJson(msg.data) as MaxDeliveriesAdvisory;
    const watch = this.watches.find((w) => w.advisory === msg.subject);
    if (!watch) return;
    const jsm = await this.nc.jetstreamManager();
    const stored = await jsm.streams
      .getMessage(advisory.stream, { seq: advisory.stream_seq })
      .catch((error: unknown) => {
        if (String(error).includes('no message found')) return null;
        throw error;
      });
    // Already taken over and removed (the ack of an earlier try was lost).
    if (!stored) return;
    await watch.take(stored.data, advisory.deliveries);
    await jsm.streams.deleteMessage(advisory.stream, advisory.stream_seq);
    this.logger.warn(
      `${watch.subject} message ${advisory.stream_seq} given up after ${advisory.deliveries} deliveries: handled`,
    );
  }
}
