// `npm start`: the whole system on one machine at http://localhost:8080 (PORT overrides; HOST
// opens the gateway to the network, e.g. HOST=0.0.0.0; the other services stay on loopback).
// IMAP hosts on private networks only with BTSX_ALLOW_PRIVATE_HOSTS=true. Uses DATABASE_URL /
// NATS_URL when set (NATS_PASSWORD_AUTH, _ORCHESTRATOR, _DISCOVERY, _COPIER: each service's
// password there); otherwise starts a Postgres and a NATS of its own (embedded-servers.ts).
// Every service runs as its own process through libs/runner, the same runner the bench and
// the end-to-end tests use; nothing here needs the test library.
import { BtsxSystem, SERVICE_NAMES } from '@btsx/runner';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedServers } from './embedded-servers';

const LOCAL_DIR = resolve('tmp/local');
/** Settings a developer may give `npm start`; each service ignores what it does not read. */
const PASSED_THROUGH =
  /^(GOOGLE_|MICROSOFT_|OAUTH_|COPIER_|LOG_|BTSX_ADMIN_|ADMIN_|BATCH_|NOTIFY_)|^(PUBLIC_URL|SMTP_URL|NATS_TLS_CA|JOB_RETENTION_DAYS|CREDENTIAL_TTL_HOURS|BTSX_ENCRYPTION_KEY_ID|BTSX_PREVIOUS_ENCRYPTION_KEYS)$/;
const DEFAULT_PORT = 8080;

/** A development key kept beside the local data; production sets BTSX_ENCRYPTION_KEY. */
function localEncryptionKey(): string {
  const file = join(LOCAL_DIR, 'encryption.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function passedThrough(env: NodeJS.ProcessEnv): Record<string, string> {
  const entries = Object.entries(env).filter(([name, value]) => PASSED_THROUGH.test(name) && value);
  return Object.fromEntries(entries) as Record<string, string>;
}

async function main(): Promise<void> {
  mkdirSync(join(LOCAL_DIR, 'logs'), { recursive: true });
  const env = process.env;
  const servers = await startEmbeddedServers(LOCAL_DIR, env);
  const system = await BtsxSystem.start({
    natsUrl: servers.natsUrl,
    natsPasswords: servers.natsPasswords,
    databaseUrl: servers.databaseUrl,
    encryptionKey: env['BTSX_ENCRYPTION_KEY'] ?? localEncryptionKey(),
    webRoot: resolve('dist/apps/web/browser'),
    distRoot: resolve('dist'),
    logDir: join(LOCAL_DIR, 'logs'),
    replicas: { copier: Number(env['COPIERS'] ?? 1) },
    allowPrivateHosts: /^(true|1|yes)$/i.test(env['BTSX_ALLOW_PRIVATE_HOSTS'] ?? ''),
    gatewayHost: env['HOST'],
    ports: { gateway: Number(env['PORT'] ?? DEFAULT_PORT) },
    serviceEnv: Object.fromEntries(SERVICE_NAMES.map((name) => [name, passedThrough(env)])),
  }).catch(async (error: unknown) => {
    // A service that would not start: Postgres and NATS get their graceful stop all the same.
    await servers.stop();
    throw error;
  });
  const url = env['HOST'] ? system.url : `http://localhost:${env['PORT'] ?? DEFAULT_PORT}`;
  console.log(`BTSX is running at ${url}`);
  console.log(`Service logs: ${join('tmp/local/logs')}. Press Ctrl+C to stop.`);

  const shutdown = async () => {
    await system.stop();
    await servers.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
