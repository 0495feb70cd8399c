// For the activity log's integration specs only (left out of the build): the orchestrator
// on a throwaway Postgres and NATS with its first admin, a stand-in for auth's batch vault,
// and requests as the gateway forwards a browser's.
import { ActivityPage, ActivityView, SUBJECTS } from '@btsx/contracts';
import { randomUUID } from 'node:crypto';
import { JSONCodec, NatsConnection } from 'nats';
import { CREDENTIAL_NOT_FOUND } from '../jobs/account-claims';
import {
  OrchestratorTestbed,
  startOrchestratorTestbed,
  ThrowawayServer,
} from '../orchestrator-testbed';

export const ADMIN = { email: 'root@btsx.test', password: 'first-admin-Secret-1' };
/** What the gateway (on loopback, trusted by default) says the client's address is. */
export const CLIENT_IP = '203.0.113.7';
export const USER_AGENT = 'activity-spec/1.0';
const BATCH_CSV = [
  'source_host,source_username,source_password,destination_host,destination_username,destination_password',
  'old.example,ann@old,ann-Secret-pw,new.example,ann@new,ann-Secret-pw',
  'old.example,bob@old,bob-Secret-pw,new.example,bob@new,bob-Secret-pw',
].join('\n');

const json = JSONCodec();

export interface Session {
  cookie: string;
  csrf: string;
}

/** The headers of a signed-in browser's request (CSRF token included). */
export const as = ({ cookie, csrf }: Session) => ({ cookie, 'x-xsrf-token': csrf });

export interface ActivityTestbed {
  orchestrator: OrchestratorTestbed;
  /** A request as the gateway forwards a browser's, from CLIENT_IP with USER_AGENT. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** A JSON request (no body when `body` is undefined). */
  send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<Response>;
  login(email?: string, password?: string): Promise<Session>;
  adminId(email: string): Promise<string>;
  /** The id of the newest row so far: what a step adds has a greater one. */
  lastId(): Promise<number>;
  page(session: Session, query?: string): Promise<ActivityPage>;
  /** Every row after `since`, oldest first, as the API answers them. */
  rowsSince(session: Session, since: number): Promise<ActivityView[]>;
  /** A batch of two lines; its id. */
  importBatch(session: Session, name: string): Promise<string>;
}

/** On the Postgres and NATS the spec started (startPostgres, startNats). */
export async function startActivityTestbed(
  postgres: ThrowawayServer,
  nats: ThrowawayServer,
): Promise<ActivityTestbed> {
  const orchestrator = await startOrchestratorTestbed({
    postgres,
    nats,
    env: { BTSX_ADMIN_EMAIL: ADMIN.email, BTSX_ADMIN_PASSWORD: ADMIN.password },
  });
  standInForTheVault(orchestrator.nc);
  const { db, baseUrl } = orchestrator;

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'x-forwarded-for': CLIENT_IP, 'user-agent': USER_AGENT, ...init.headers },
    });
  const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    call(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const page = async (session: Session, query = '') => {
    const response = await call(`/api/admin/activity${query}`, { headers: as(session) });
    if (response.status !== 200) throw new Error(`GET activity${query}: ${response.status}`);
    return (await response.json()) as ActivityPage;
  };

  return {
    orchestrator,
    call,
    send,
    page,
    login: async (email = ADMIN.email, password = ADMIN.password) => {
      const response = await send('POST', '/api/admin/login', { email, password }, {});
      if (response.status !== 200) throw new Error(`Sign-in: ${response.status}`);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('btsx_admin='))!;
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return { cookie: cookie.split(';')[0], csrf: csrfToken };
    },
    adminId: async (email) => {
      const [row] = await db.query(`SELECT id FROM orchestrator.admin_users WHERE email = $1`, [
        email,
      ]);
      return row.id;
    },
    lastId: async () => {
      const [row] = await db.query(
        `SELECT coalesce(max(id), 0)::int AS id FROM orchestrator.admin_activity`,
      );
      return row.id;
    },
    rowsSince: async (session, since) => {
      const { items } = await page(session, '?limit=500');
      return items.filter((row) => Number(row.id) > since).reverse();
    },
    importBatch: async (session, name) => {
      const response = await call(`/api/admin/batches?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...as(session), 'content-type': 'text/csv' },
        body: BATCH_CSV,
      });
      if (response.status !== 201) throw new Error(`Import: ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
  };
}

/**
 * auth's vault for batches: stores anything, and refuses every copy for good, so a batch's
 * lines end cancelled at once and every batch action (the delta pass included) is allowed.
 */
function standInForTheVault(nc: NatsConnection): void {
  const reply = (subject: string, answer: (request: never) => unknown) =>
    nc.subscribe(subject, {
      callback: (_error, msg) => msg.respond(json.encode(answer(json.decode(msg.data) as never))),
    });
  reply(SUBJECTS.credentialStore, ({ logins }: { logins: unknown[] }) => ({
    ok: true,
    value: { credentialIds: logins.map(() => randomUUID()) },
  }));
  reply(SUBJECTS.credentialDiscard, () => ({ ok: true, value: { deleted: 0 } }));
  reply(SUBJECTS.credentialCopy, () => ({
    ok: false,
    error: { kind: CREDENTIAL_NOT_FOUND, message: 'gone', permanent: true },
  }));
}
