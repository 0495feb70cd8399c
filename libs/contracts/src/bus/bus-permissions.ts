import { CONNECTION_LEASES_BUCKET, SUBJECTS, TRANSFER_QUOTAS_BUCKET } from '../core/subjects';

/**
 * The services on the bus, each a NATS user of its own name. The gateway has none: it only
 * forwards HTTP to auth and the orchestrator and never connects to NATS.
 */
export const BUS_USERS = ['auth', 'orchestrator', 'discovery', 'copier'] as const;
export type BusUser = (typeof BUS_USERS)[number];

/** What one user may do on the bus; anything not allowed is refused by nats-server. */
export interface BusPermissions {
  publish: string[];
  subscribe: string[];
  /** May answer requests it received (publish to their reply subject, once each). */
  respondsToRequests?: boolean;
}

/**
 * Where a user's replies arrive: its own inboxes, so no other user can subscribe to its
 * requests' answers (a resolved credential). The NATS client names them with this prefix.
 */
export function inboxPrefix(user: string): string {
  return `_INBOX.${user}`;
}

const JETSTREAM = [
  // Streams, consumers, pulls and key-value reads. JetStream's API has no per-stream
  // permission worth its upkeep; no secret travels on a stream (a task names a credential id,
  // which only discovery and the copier can resolve).
  '$JS.API.>',
  // Acknowledgements of pulled messages.
  '$JS.ACK.>',
];
/** Every request auth answers (its subjects are auth.*). */
const AUTH_REQUESTS = Object.values(SUBJECTS).filter((subject) => subject.startsWith('auth.'));
/** Those that hand out a secret: only the workers that log in to mailboxes ask them. */
const SECRET_REQUESTS: string[] = [SUBJECTS.credentialResolve, SUBJECTS.credentialLend];
/** The rest: the orchestrator describes, claims, stores, copies, discards. */
const AUTH_REQUESTS_WITHOUT_SECRETS = AUTH_REQUESTS.filter((s) => !SECRET_REQUESTS.includes(s));
const kv = (bucket: { name: string }) => `$KV.${bucket.name}.>`;
/**
 * The rate limits' buckets are named by their window (BTSX_RATE_LIMITS_900), which config
 * sets, so their users write any bucket (the orchestrator also the cancelled jobs').
 */
const RATE_LIMIT_BUCKETS = '$KV.>';

/**
 * Who may publish and subscribe what, read from the code: JetStream events are published
 * to their subject and consumed through JetStream's API (pulls arrive in the inbox);
 * broadcasts and requests are plain subjects. Only the workers that log in to mailboxes
 * (discovery, copier) may ask auth for a credential's secret.
 */
export const BUS_PERMISSIONS: Record<BusUser, BusPermissions> = {
  auth: {
    // job.attention: an OAuth account whose provider refused a refresh must sign in again.
    publish: [...JETSTREAM, RATE_LIMIT_BUCKETS, SUBJECTS.jobAttention],
    subscribe: [...AUTH_REQUESTS, `${inboxPrefix('auth')}.>`],
    respondsToRequests: true,
  },
  orchestrator: {
    publish: [
      ...JETSTREAM,
      RATE_LIMIT_BUCKETS,
      SUBJECTS.jobRequested,
      SUBJECTS.jobFinished,
      SUBJECTS.jobAttention,
      SUBJECTS.jobAuditRequested,
      SUBJECTS.jobCancel,
      SUBJECTS.jobCopied,
      SUBJECTS.jobUpdated,
      SUBJECTS.planPreview,
      ...AUTH_REQUESTS_WITHOUT_SECRETS,
    ],
    subscribe: [
      SUBJECTS.taskProgress,
      SUBJECTS.taskThrottled,
      SUBJECTS.jobUpdated,
      `${inboxPrefix('orchestrator')}.>`,
    ],
  },
  discovery: {
    publish: [
      ...JETSTREAM,
      kv(CONNECTION_LEASES_BUCKET),
      SUBJECTS.jobPlanned,
      SUBJECTS.jobPlanningFailed,
      SUBJECTS.copyTask,
      SUBJECTS.jobAudited,
      SUBJECTS.jobAuditFindings,
      SUBJECTS.jobAttention,
      SUBJECTS.credentialResolve,
      SUBJECTS.credentialLend,
    ],
    subscribe: [SUBJECTS.jobCancel, SUBJECTS.planPreview, `${inboxPrefix('discovery')}.>`],
    respondsToRequests: true,
  },
  copier: {
    publish: [
      ...JETSTREAM,
      kv(CONNECTION_LEASES_BUCKET),
      kv(TRANSFER_QUOTAS_BUCKET),
      // A task waiting for a transfer quota is published again with the time it may go on.
      SUBJECTS.copyTask,
      SUBJECTS.taskFinished,
      SUBJECTS.taskFailed,
      SUBJECTS.taskStopped,
      SUBJECTS.taskProgress,
      SUBJECTS.taskThrottled,
      SUBJECTS.jobAttention,
      SUBJECTS.credentialResolve,
    ],
    subscribe: [SUBJECTS.jobCancel, SUBJECTS.jobCopied, `${inboxPrefix('copier')}.>`],
  },
};
