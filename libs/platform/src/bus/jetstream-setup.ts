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
import { answered, replicasFor } from './jetstream-replicas';

type AnyStreamSpec = Omit<StreamSpec, 'subjects'> & { subjects: string[] };

/** Creates or updates the streams; every service calls it at boot, so start order is free. */
export async function ensureStreams(nc: NatsConnection, specs: StreamSpec[] = STREAMS) {
  const jsm = await nc.jetstreamManager();
  for (const spec of specs) await answered(() => putStream(jsm, spec, replicasFor(nc)));
}

/** Creates or updates one stream; its subjects may be any, not only the bus's own. */
export async function ensureStream(nc: NatsConnection, spec: AnyStreamSpec): Promise<void> {
  const jsm = await nc.jetstreamManager();
  await answered(() => putStream(jsm, spec, replicasFor(nc)));
}

/**
 * The stream as `spec` says, with `replicas` copies: a stream an earlier release kept on one
 * node is moved to the configured count in place.
 */
async function putStream(
  jsm: JetStreamManager,
  spec: AnyStreamSpec,
  replicas: number,
): Promise<void> {
  const config = {
    name: spec.name,
    subjects: spec.subjects,
    retention: spec.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(spec.maxAgeSeconds * 1000),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
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
  await answered(() => putConsumer(jsm, spec));
  return streamOf(spec.subject).name;
}

/** The durable consumer as `spec` says: made, or its tunable settings updated. */
async function putConsumer(jsm: JetStreamManager, spec: ConsumerSpec): Promise<void> {
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
}
