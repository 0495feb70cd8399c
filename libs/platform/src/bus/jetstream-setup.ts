import { JetStreamSubject, StreamSpec, STREAMS, streamOf } from '@btsx/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamManager,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';

/** Creates or updates the streams; every service calls it at boot, so start order is free. */
export async function ensureStreams(jsm: JetStreamManager, specs: StreamSpec[] = STREAMS) {
  for (const spec of specs) await ensureStream(jsm, spec);
}

/** Creates or updates one stream; its subjects may be any, not only the bus's own. */
export async function ensureStream(
  jsm: JetStreamManager,
  spec: Omit<StreamSpec, 'subjects'> & { subjects: string[] },
): Promise<void> {
  const config = {
    name: spec.name,
    subjects: spec.subjects,
    retention: spec.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(spec.maxAgeSeconds * 1000),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
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
