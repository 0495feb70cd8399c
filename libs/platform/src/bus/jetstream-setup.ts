import { JetStreamSubject, StreamSpec, STREAMS, streamOf } from '@btsx/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamManager,
  nanos,
  NatsConnection,
  RetentionPolicy,
  StorageType,
} from 'nats';
import { replicasFor } from './jetstream-replicas';

/** Creates or updates the streams; every service calls it at boot, so start order is free. */
export async function ensureStreams(nc: NatsConnection, specs: StreamSpec[] = STREAMS) {
  for (const spec of specs) await ensureStream(nc, spec);
}

/**
 * Creates or updates one stream, its subjects any (not only the bus's own), with the
 * connection's replica count: a stream an earlier release kept on one node is moved to the
 * configured count in place.
 */
export async function ensureStream(
  nc: NatsConnection,
  spec: Omit<StreamSpec, 'subjects'> & { subjects: string[] },
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const config = {
    name: spec.name,
    subjects: spec.subjects,
    retention: spec.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(spec.maxAgeSeconds * 1000),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicasFor(nc),
  };
  try {
    await jsm.streams.info(spec.name);
    await jsm.streams.update(spec.name, config);
  } catch (error) {
    if (!String(error).includes('stream not found')) throw error;
    await jsm.streams.add(config);
  }
}

/** Republished events (a replanned job) carry the same msgId and are dropped within it. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

export interface ConsumerSpec {
  durable: string;
  subject: JetStreamSubject;
  /** Redelivery when a handler neither acks nor reports progress within this time. */
  ackWaitMs: number;
  maxDeliver: number;
}

export async function ensureConsumer(jsm: JetStreamManager, spec: ConsumerSpec): Promise<string> {
  const stream = streamOf(spec.subject).name;
  const tunable = { ack_wait: nanos(spec.ackWaitMs), max_deliver: spec.maxDeliver };
  try {
    await jsm.consumers.info(stream, spec.durable);
    // A new release may tune these; the rest of a durable consumer cannot change.
    await jsm.consumers.update(stream, spec.durable, tunable);
  } catch (error) {
    if (!String(error).includes('consumer not found')) throw error;
    await jsm.consumers.add(stream, {
      durable_name: spec.durable,
      filter_subject: spec.subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: -1,
      ...tunable,
    });
  }
  return stream;
}
