// For integration specs only (left out of the build, like apps/auth/src/auth-testbed.ts):
// the orchestrator booted in the test's own process on the throwaway Postgres and NATS the
// spec started, a NATS connection of the test's own to publish bus events on and to stand
// in for auth, and one close that stops it all. Plain functions without Jest globals.
import {
  AccountSide,
  clientSessionCookie,
  CredentialClaimRequest,
  CredentialDescribeRequest,
  ImapEndpoint,
  JobView,
  newClientSession,
  SUBJECTS,
} from '@btsx/contracts';
import { BusClient, loadConfig, runService } from '@btsx/platform';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';
import { connect, JSONCodec, Msg, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { serveOpenApi } from './openapi';
import { OrchestratorConfig } from './orchestrator.config';
import { OrchestratorModule } from './orchestrator.module';

/** Between two tries of `eventually`: the handlers behind the bus answer in milliseconds. */
const RETRY_INTERVAL_MS = 50;
/** How long `eventually` tries by default: JetStream delivery on a loaded CI machine. */
const EVENTUALLY_TIMEOUT_MS = 10_000;

const json = JSONCodec();

/** A server the spec started (startPostgres, startNats) and the testbed stops with itself. */
export interface ThrowawayServer {
  url: string;
  stop(): Promise<void>;
}

/** What the fake of auth's credential describe and claim responders knows. */
export interface AuthStandIn {
  /** Known credential tokens; any other is "not found". */
  accounts: Record<string, ImapEndpoint>;
  /** Tokens it never answers for, as if auth were down. */
  silent?: string[];
}

/**
 * The headers of a JSON request from one client session, as a browser's or the CLI's: the
 * orchestrator claims credential tokens only for a request that has one. Which session gave
 * which token is auth's to check (auth.int-spec), not the stand-in's.
 */
export const CLIENT_JSON_HEADERS = {
  'content-type': 'application/json',
  cookie: clientSessionCookie(newClientSession()),
};

export interface OrchestratorTestbedOptions {
  postgres: ThrowawayServer;
  nats: ThrowawayServer;
  /** Variables beside the two URLs, PORT 0 and LOG_LEVEL warn, or instead of them. */
  env?: Record<string, string>;
  /** Stands in for auth on the bus before the orchestrator starts; no stand-in without it. */
  auth?: AuthStandIn;
}

export interface OrchestratorTestbed {
  app: NestExpressApplication;
  /** http://127.0.0.1:PORT of the orchestrator's HTTP API. */
  baseUrl: string;
  db: DataSource;
  /** The test's own connection: the orchestrator's bus is its own. */
  nc: NatsConnection;
  bus: BusClient;
  /** GET /api/jobs/:id; anything but 200 throws. */
  /** GET /api/jobs/:id; a tenant's job needs an admin's `authorization` header. */
  getJob(id: string, headers?: Record<string, string>): Promise<JobView>;
  /** The job's status lines, oldest first, as stored. */
  statusLines(jobId: string): Promise<string[]>;
  /** Closes the orchestrator and the test's connection, then stops both servers. */
  close(): Promise<void>;
}

export async function startOrchestratorTestbed({
  postgres,
  nats,
  env = {},
  auth,
}: OrchestratorTestbedOptions): Promise<OrchestratorTestbed> {
  const stopServers = async () => {
    await Promise.all([postgres.stop(), nats.stop()]);
  };
  let nc: NatsConnection | undefined;
  try {
    nc = await connect({ servers: nats.url });
    if (auth) standInForAuth(nc, auth);
    const config = loadConfig(OrchestratorConfig, {
      NATS_URL: nats.url,
      DATABASE_URL: postgres.url,
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    });
    const app = await runService({
      name: 'orchestrator',
      module: OrchestratorModule.forRoot(config),
      config,
      transport: {},
      beforeListen: serveOpenApi,
    });
    return testbed(app, nc, stopServers);
  } catch (error) {
    await nc?.drain();
    await stopServers();
    throw error;
  }
}

function testbed(
  app: NestExpressApplication,
  nc: NatsConnection,
  stopServers: () => Promise<void>,
): OrchestratorTestbed {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const db = app.get(DataSource);
  return {
    app,
    baseUrl,
    db,
    nc,
    bus: new BusClient(nc),
    getJob: async (id, headers) => {
      const response = await fetch(`${baseUrl}/api/jobs/${id}`, { headers });
      if (response.status !== 200) throw new Error(`GET job ${id}: ${response.status}`);
      return (await response.json()) as JobView;
    },
    statusLines: async (jobId) => {
      const rows: { message: string }[] = await db.query(
        `SELECT message FROM orchestrator.job_events WHERE job_id = $1 ORDER BY id`,
        [jobId],
      );
      return rows.map((r) => r.message);
    },
    close: async () => {
      await app.close();
      await nc.drain();
      await stopServers();
    },
  };
}

/** A fake of the auth service's describe and claim responders, on the real NATS. */
function standInForAuth(nc: NatsConnection, { accounts, silent = [] }: AuthStandIn): void {
  const endpoint = (token: string, side: AccountSide): ImapEndpoint => {
    const known = accounts[token];
    if (known) return known;
    throw { kind: 'credential_not_found', message: `The ${side} account must authenticate again` };
  };
  const answer = (tokens: string[], reply: () => unknown) => (msg: Msg) => {
    if (tokens.some((token) => silent.includes(token))) return;
    try {
      msg.respond(json.encode({ ok: true, value: reply() }));
    } catch (error) {
      msg.respond(json.encode({ ok: false, error: { ...(error as object), permanent: true } }));
    }
  };
  nc.subscribe(SUBJECTS.credentialDescribe, {
    callback: (_error, msg) => {
      const { token, side } = json.decode(msg.data) as CredentialDescribeRequest;
      answer([token], () => endpoint(token, side))(msg);
    },
  });
  nc.subscribe(SUBJECTS.credentialClaim, {
    callback: (_error, msg) => {
      const { source, destination } = json.decode(msg.data) as CredentialClaimRequest;
      answer([source, destination], () => ({
        source: endpoint(source, 'source'),
        destination: endpoint(destination, 'destination'),
      }))(msg);
    },
  });
}

/** An account on port 993 over TLS with a verified certificate. */
export function tlsEndpoint(host: string, username: string): ImapEndpoint {
  return { host, port: 993, security: 'tls', verifyCertificate: true, username };
}

/** Retries an assertion until it holds: the handlers run asynchronously behind the bus. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = EVENTUALLY_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, RETRY_INTERVAL_MS));
    }
  }
}
