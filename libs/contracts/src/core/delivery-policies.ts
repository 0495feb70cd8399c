import type { JetStreamSubject } from './subjects';

/**
 * How JetStream delivers one subject's messages to the service that consumes them. A failed
 * message comes back after the one backoff of every subject (libs/platform's retryDelay:
 * 1 s doubling up to 30 s, or the wait a busy server asked for).
 */
export interface DeliveryPolicy {
  /** Deliveries after which JetStream stops and says so in a MAX_DELIVERIES advisory. */
  maxDeliveries: number;
  /** A message neither acknowledged nor reported alive for this long goes to another consumer. */
  ackWaitMs: number;
  /** Messages one process works on at once; 1 takes them in order. */
  concurrency: number;
  /**
   * The delivery on which work on IMAP accounts reports a passing failure to its job instead
   * of trying again; without it a message is retried until maxDeliveries.
   */
  attempts?: number;
  /** The same for a failure that asks for a wait of its own (a busy server's backoff). */
  patientAttempts?: number;
}

/** An event between services: a handler of a few database statements. */
const EVENT: DeliveryPolicy = {
  // Rides out a restart of a neighbour service (up to 30 s apart), not a poison message forever.
  maxDeliveries: 20,
  // JetStream's default; work that takes longer says it is alive (heartbeats).
  ackWaitMs: 30_000,
  concurrency: 1,
};

/** Work discovery runs on a job's two accounts: planning it, auditing it. */
const DISCOVERY_WORK: DeliveryPolicy = {
  ...EVENT,
  // Both mostly wait on round trips: one at a time made eight jobs queue behind each other.
  // DISCOVERY_CONCURRENCY overrides.
  concurrency: 4,
  // About 15 s of backoff from the first try to the last: a cut connection heals within it,
  // and a job whose accounts fail for longer is told so while its user still watches.
  attempts: 5,
};

/**
 * Task events of one job are applied together (the orchestrator's group commit): several in
 * hand at once is what lets them form groups, and lets other jobs' events go meanwhile.
 */
const TASK_EVENT: DeliveryPolicy = { ...EVENT, concurrency: 16 };

/** Every JetStream subject's policy; a service's config may override what it names. */
export const DELIVERY_POLICIES = {
  'job.requested': DISCOVERY_WORK,
  'job.planned': EVENT,
  'job.planning_failed': EVENT,
  'job.finished': EVENT,
  'job.attention': EVENT,
  'job.audit.requested': DISCOVERY_WORK,
  // Retried (NotYetError) until every part of its report is stored.
  'job.audited': EVENT,
  // Each part only shares its audit's row lock, and a report of 200,000 findings is 400 parts
  // that job.audited waits for.
  'job.audit.findings': { ...EVENT, concurrency: 4 },
  'copy.task': {
    // The last attempt reports the task failed; one spare in case that report fails. A task
    // never acknowledged (its copier died each time) is failed from JetStream's advisory.
    maxDeliveries: 41,
    // How long a crashed copier's folders wait before they resume elsewhere.
    // COPIER_TASK_ACK_WAIT_MS overrides.
    ackWaitMs: 60_000,
    // Each task holds a source and a destination connection. COPIER_CONCURRENCY overrides.
    concurrency: 4,
    // About a minute and a half of backoff, each try resuming from the task's checkpoint.
    attempts: 8,
    // Each wait is the one a busy server asked for (up to COPIER_MAX_THROTTLE_WAIT_MS): hours
    // of patience, not a tight loop.
    patientAttempts: 40,
  },
  'task.finished': TASK_EVENT,
  'task.failed': TASK_EVENT,
  'task.stopped': TASK_EVENT,
} as const satisfies Record<JetStreamSubject, DeliveryPolicy>;
