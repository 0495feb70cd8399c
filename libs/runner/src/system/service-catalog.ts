import { LOOPBACK } from './reachable-host';

/** The services of BTSX as separate processes, in the order they are started. */
export const SERVICE_NAMES = ['auth', 'orchestrator', 'discovery', 'copier', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * The services that read whole mailboxes run with --optimize-for-size (deploy/docker/
 * Dockerfile says the same): V8 then collects garbage before it grows the heap. An audit of
 * a 200,000-message folder holds about 35 MB but reads hundreds of MB, and without it
 * discovery's peak RSS reached 219 MB (256 verifying deep). The others' memory does not grow
 * with a mailbox, and the flag costs CPU: the orchestrator's, settling a job of a thousand
 * folders, by about a third. See docs/performance.md.
 */
const SIZE_OPTIMIZED: readonly ServiceName[] = ['discovery', 'copier'];

export function serviceNodeFlags(name: ServiceName): string[] {
  return SIZE_OPTIMIZED.includes(name) ? ['--optimize-for-size'] : [];
}

/** Where `nx build <service>` leaves the service's entry point. */
export function serviceEntry(distRoot: string, name: ServiceName): string {
  return `${distRoot}/apps/${name}/apps/${name}/src/main.js`;
}

export interface SystemSettings {
  natsUrl: string;
  /** Each service's password on NATS (its user is its name); none for a NATS without users. */
  natsPasswords?: Partial<Record<ServiceName, string>>;
  databaseUrl: string;
  encryptionKey: string;
  /** The built web app served by the gateway. */
  webRoot: string;
  ports: Record<'gateway' | 'auth' | 'orchestrator', number>;
  /** The address the gateway binds (default loopback); the other services bind loopback. */
  gatewayHost?: string;
  /** Whether users may name IMAP hosts on this machine's own networks (BTSX_ALLOW_PRIVATE_HOSTS). */
  allowPrivateHosts: boolean;
  logLevel?: string;
  /** Extra variables per service, e.g. a short COPIER_TASK_ACK_WAIT_MS for crash tests. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** The environment each service boots with; only what it reads, nothing inherited blindly. */
export function serviceEnvironment(
  name: ServiceName,
  settings: SystemSettings,
  port: number,
): Record<string, string> {
  return { ...baseEnvironment(name, settings, port), ...settings.serviceEnv?.[name] };
}

function baseEnvironment(
  name: ServiceName,
  settings: SystemSettings,
  port: number,
): Record<string, string> {
  const password = settings.natsPasswords?.[name];
  const common = {
    NATS_URL: settings.natsUrl,
    ...(password && { NATS_PASSWORD: password }),
    HOST: LOOPBACK,
    PORT: String(port),
    LOG_LEVEL: settings.logLevel ?? 'log',
  };
  const imap = { BTSX_ALLOW_PRIVATE_HOSTS: String(settings.allowPrivateHosts) };
  const database = { DATABASE_URL: settings.databaseUrl };
  switch (name) {
    case 'auth':
      return { ...common, ...database, ...imap, BTSX_ENCRYPTION_KEY: settings.encryptionKey };
    case 'orchestrator':
      // Webhook hosts pass the same private-address rule as IMAP hosts.
      return { ...common, ...database, ...imap };
    case 'discovery':
      return { ...common, ...imap };
    case 'copier':
      return { ...common, ...database, ...imap };
    case 'gateway':
      return {
        HOST: settings.gatewayHost ?? LOOPBACK,
        PORT: String(port),
        LOG_LEVEL: common.LOG_LEVEL,
        AUTH_URL: `http://${LOOPBACK}:${settings.ports.auth}`,
        ORCHESTRATOR_URL: `http://${LOOPBACK}:${settings.ports.orchestrator}`,
        WEB_ROOT: settings.webRoot,
      };
  }
}
