import { JetStreamPayloads, JetStreamSubject, streamOf } from '@btsx/contracts';
import { Logger } from '@nestjs/common';
import { NatsConnection, Subscription } from 'nats';
import { durableName } from './jetstream-transport';
import { decodeJson, decodePayload } from './payload-codec';

/** What JetStream says when a consumer delivered a message its last time unacknowledged. */
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

/**
 * Watches another service's durable consumer for messages it abandoned: delivered
 * max_deliver times without an ack or a term, as when its worker process dies every time.
 * JetStream then stops delivering the message and tells nobody but an advisory subject.
 * Each advisory goes to one replica of the watching service (queue group), which hands the
 * stored message to `handle` and then removes it from its stream. An advisory published
 * while no replica listens is lost.
 */
export function watchAbandoned<S extends JetStreamSubject>(
  nc: NatsConnection,
  watcher: { service: string; worker: string; subject: S },
  handle: AbandonedHandler<S>,
): Subscription {
  const { service, worker, subject } = watcher;
  const stream = streamOf(subject).name;
  const logger = new Logger(`Abandoned ${subject}`);
  return nc.subscribe(
    `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${durableName(worker, subject)}`,
    {
      queue: service,
      callback: (error, msg) => {
        if (error) return;
        const advisory = decodeJson(msg.data) as MaxDeliveriesAdvisory;
        takeOver(nc, subject, advisory, handle).catch((failure: unknown) =>
          logger.error(`Message ${advisory.stream_seq}: ${String(failure)}`),
        );
      },
    },
  );
}

async function takeOver<S extends JetStreamSubject>(
  nc: NatsConnection,
  subject: S,
  advisory: MaxDeliveriesAdvisory,
  handle: AbandonedHandler<S>,
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const stored = await jsm.streams.getMessage(advisory.stream, { seq: advisory.stream_seq });
  const payload = decodePayload(subject, stored.data) as JetStreamPayloads[S];
  await handle(payload, advisory.deliveries);
  await jsm.streams.deleteMessage(advisory.stream, advisory.stream_seq);
}
