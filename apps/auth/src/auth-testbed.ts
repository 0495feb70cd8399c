// For integration specs only (left out of the build): the auth service booted in the test's
// own process on the Postgres and NATS the spec started.
import { BusClient, loadConfig, runService } from '@btsx/platform';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { connect } from 'nats';
import { Client } from 'pg';
import { AuthModule } from './auth.module';
import { AuthConfig } from './config/auth-config';

export interface AuthService {
  app: NestExpressApplication;
  url: string;
}

/** The service, a bus client and a database client of the test's own, and one stop for all. */
export interface AuthTestbed extends AuthService {
  bus: BusClient;
  db: Client;
  close(): Promise<void>;
}

/**
 * Boots auth on a free port with readable debug logs and a fresh encryption key; `env`
 * gives DATABASE_URL and NATS_URL and may override the rest. `handlers: false` leaves the
 * bus to another instance (a second one beside the testbed's).
 */
export async function bootAuth(
  env: Record<string, string>,
  { handlers = true }: { handlers?: boolean } = {},
): Promise<AuthService> {
  const config = loadConfig(AuthConfig, {
    PORT: '0',
    LOG_JSON: 'false',
    LOG_LEVEL: 'debug',
    BTSX_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  const app = await runService({
    name: 'auth',
    module: AuthModule.forRoot(config),
    config,
    transport: handlers ? {} : undefined,
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** bootAuth, then clients of the same NATS and Postgres for the test to look through. */
export async function startAuthTestbed(env: Record<string, string>): Promise<AuthTestbed> {
  const service = await bootAuth(env);
  const nc = await connect({ servers: env.NATS_URL });
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  return {
    ...service,
    bus: new BusClient(nc),
    db,
    close: async () => {
      await db.end();
      await nc.drain();
      await service.app.close();
    },
  };
}

/** Everything written to stdout and stderr, so a test can prove no secret reached a log. */
export class CapturedOutput {
  text = '';
  private readonly restore: (() => void)[] = [];

  start(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return original(chunk, ...rest);
      }) as typeof stream.write;
      this.restore.push(() => (stream.write = original));
    }
  }

  stop(): void {
    this.restore.splice(0).forEach((undo) => undo());
  }
}
