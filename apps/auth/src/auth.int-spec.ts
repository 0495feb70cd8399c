import {
  AccountSide,
  clientSessionCookie,
  CredentialOwner,
  jobLogins,
  newClientSession,
} from '@btsx/contracts';
import { BusClient, RemoteError, secretDigest } from '@btsx/platform';
import { freePort } from '@btsx/runner';
import {
  DovecotServer,
  NatsServer,
  PostgresServer,
  startDovecot,
  startNats,
  startPostgres,
} from '@btsx/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AuthTestbed, bootAuth, CapturedOutput, startAuthTestbed } from './auth-testbed';
import { CredentialPurge } from './credentials/credential-purge';
import { AUTH_FAILED_MESSAGE } from './imap-verify/imap-error-to-http';

const USERNAME = 'alice';
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const NOT_FOUND = 'Credential not found (it expires when its job ends: authenticate again)';
/** job.finished goes through JetStream; the delete lands within a pull or two. */
const DELETE_WAIT_MS = 15_000;

describe('auth service (real Postgres, NATS JetStream, Dovecot)', () => {
  const output = new CapturedOutput();
  let postgres: PostgresServer;
  let nats: NatsServer;
  let dovecot: DovecotServer;
  let auth: AuthTestbed;
  let bus: BusClient;
  let db: Client;
  let env: Record<string, string>;
  /** The client session of every request here unless a test says otherwise. */
  const session = newClientSession();

  function verify(body: object, url = auth.url, from: string | null = session) {
    return fetch(`${url}/api/auth/imap/verify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(from ? { cookie: clientSessionCookie(from) } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  function validLogin(overrides: object = {}) {
    return {
      side: 'source',
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      username: USERNAME,
      password: PASSWORD,
      ...overrides,
    };
  }

  /** A credential token for `side`, given to `from`. */
  async function verified(side: AccountSide = 'source', from = session): Promise<string> {
    const response = await verify(validLogin({ side }), auth.url, from);
    expect(response.status).toBe(200);
    return ((await response.json()) as { credentialId: string }).credentialId;
  }

  /** What auth answers a claim of these tokens from `from`: the accounts, or the error. */
  function claim(tokens: { source: string; destination: string }, from = session) {
    const owner = jobLogins(randomUUID());
    const request = { owner, session: secretDigest(from), ...tokens };
    return bus.request('auth.credential.claim', request).then(
      (accounts) => ({ owner, accounts }),
      (error: RemoteError) => ({ owner, error: `${error.kind}: ${error.message}` }),
    );
  }

  /** A job's logins, both sides verified and claimed; its owner. */
  async function claimed(): Promise<CredentialOwner> {
    const result = await claim({
      source: await verified(),
      destination: await verified('destination'),
    });
    expect(result).toHaveProperty('accounts');
    return result.owner;
  }

  async function rowOf(token: string): Promise<Record<string, unknown>> {
    const { rows } = await db.query('SELECT * FROM auth.credential WHERE token_hash = $1', [
      secretDigest(token),
    ]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  beforeAll(async () => {
    output.start();
    [postgres, nats, dovecot] = await Promise.all([
      startPostgres(),
      startNats(),
      startDovecot({ users: [{ username: USERNAME, password: PASSWORD }], tls: true }),
    ]);
    env = {
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      BTSX_ALLOW_PRIVATE_HOSTS: 'true',
      BTSX_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    auth = await startAuthTestbed(env);
    ({ bus, db } = auth);
  });

  afterAll(async () => {
    await auth?.close();
    await Promise.allSettled([postgres?.stop(), nats?.stop(), dovecot?.stop()]);
    output.stop();
  });

  it('verifies a real login and stores only ciphertext', async () => {
    const response = await verify(validLogin());
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(PASSWORD);
    const { credentialId: token } = JSON.parse(text) as { credentialId: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = await rowOf(token);
    expect(row).toMatchObject({ side: 'source', owner: null, session_hash: secretDigest(session) });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      username: USERNAME,
    });
    expect(row).toMatchObject({ verify_certificate: true, key_id: 'k1', used_at: null });
    expect((row.nonce as Buffer).length).toBe(12);
    expect((row.ciphertext as Buffer).includes(Buffer.from(PASSWORD))).toBe(false);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('answers a wrong password with 401', async () => {
    const response = await verify(validLogin({ password: 'not-the-password' }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, message: AUTH_FAILED_MESSAGE });
  });

  it('answers a closed port with 502 naming the cause', async () => {
    const response = await verify(validLogin({ port: await freePort() }));
    expect(response.status).toBe(502);
    const body = (await response.json()) as { message: string };
    expect(body.message).toMatch(/reached|refused/i);
  });

  it('answers a malformed body with 400 listing every bad field', async () => {
    const response = await verify({
      host: '',
      port: 'x',
      security: 'ssl',
      password: 7,
      extra: true,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { details: string[] };
    for (const field of ['host', 'port', 'security', 'username', 'password', 'extra']) {
      expect(
        body.details.some((line) => line.startsWith(field) || line.includes(` ${field} `)),
      ).toBe(true);
    }
  });

  it('refuses loopback with 400 when private hosts are not allowed', async () => {
    const strict = await bootAuth({ ...env, BTSX_ALLOW_PRIVATE_HOSTS: 'false' });
    try {
      const response = await verify(validLogin(), strict.url);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/not allowed/);
    } finally {
      await strict.app.close();
    }
  });

  it('answers a self-signed certificate with 502, and accepts it when told to', async () => {
    const tls = validLogin({ security: 'tls', port: dovecot.tlsPort });
    const refused = await verify(tls);
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /secure connection|certificate/i,
    );

    const accepted = await verify({ ...tls, tlsInsecure: true });
    expect(accepted.status).toBe(200);
    const { credentialId } = (await accepted.json()) as { credentialId: string };
    expect((await rowOf(credentialId)).verify_certificate).toBe(false);
  });

  it('gives a client without a session one, as an httpOnly cookie', async () => {
    const response = await verify(validLogin(), auth.url, null);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^btsx_client=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const given = cookie.slice('btsx_client='.length, cookie.indexOf(';'));
    const { credentialId } = (await response.json()) as { credentialId: string };
    expect((await rowOf(credentialId)).session_hash).toBe(secretDigest(given));
    // A client that brought its own keeps it.
    expect((await verify(validLogin())).headers.getSetCookie()).toEqual([]);
  });

  it('lets a token be claimed once, for its side, from its own session, both or neither', async () => {
    const source = await verified();
    const destination = await verified('destination');
    const notFound = (side: AccountSide) =>
      `credential_not_found: The ${side} account must authenticate again`;
    expect(await claim({ source: destination, destination: source })).toMatchObject({
      error: notFound('source'),
    });
    expect(await claim({ source, destination }, newClientSession())).toMatchObject({
      error: notFound('source'),
    });
    const stranger = await verified('destination', newClientSession());
    expect(await claim({ source, destination: stranger })).toMatchObject({
      error: notFound('destination'),
    });
    // None of the refusals used a token up: the first claim of the pair takes both...
    const first = await claim({ source, destination });
    expect(first).toMatchObject({ accounts: { source: { username: USERNAME } } });
    expect((await rowOf(stranger)).owner).toBeNull();
    // ...and no second claim gets either.
    expect(await claim({ source, destination })).toMatchObject({ error: notFound('source') });
    const fresh = await verified();
    expect(await claim({ source: fresh, destination })).toMatchObject({
      error: notFound('destination'),
    });
    const { rows } = await db.query(
      'SELECT side, token_hash FROM auth.credential WHERE owner = $1 ORDER BY side',
      [first.owner],
    );
    expect(rows).toEqual([
      { side: 'destination', token_hash: null },
      { side: 'source', token_hash: null },
    ]);
  });

  it("resolves a job's login by the job and side over NATS and marks it used", async () => {
    const owner = await claimed();
    const login = await bus.request('auth.credential.resolve', { owner, side: 'source' });
    expect(login).toEqual({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      verifyCertificate: true,
      username: USERNAME,
      password: PASSWORD,
    });
    const { rows } = await db.query(
      'SELECT side, used_at FROM auth.credential WHERE owner = $1 ORDER BY side',
      [owner],
    );
    expect(rows[0]).toEqual({ side: 'destination', used_at: null });
    expect(rows[1].used_at).toBeInstanceOf(Date);
  });

  it("describes a token's endpoint to its own session, without the password", async () => {
    const token = await verified();
    const describe = (side: AccountSide, from: string) =>
      bus.request('auth.credential.describe', { token, side, session: secretDigest(from) });
    await expect(describe('destination', session)).rejects.toMatchObject({
      kind: 'credential_not_found',
    });
    await expect(describe('source', newClientSession())).rejects.toMatchObject({
      kind: 'credential_not_found',
    });
    const endpoint = await describe('source', session);
    expect(endpoint).toEqual({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      verifyCertificate: true,
      username: USERNAME,
    });
  });

  it("lends a token's login to its own session for a plan, and leaves it to be claimed", async () => {
    const token = await verified();
    const lend = (side: AccountSide, from: string) =>
      bus.request('auth.credential.lend', { token, side, session: secretDigest(from) });
    await expect(lend('destination', session)).rejects.toMatchObject({
      kind: 'credential_not_found',
    });
    await expect(lend('source', newClientSession())).rejects.toMatchObject({
      kind: 'credential_not_found',
    });
    expect(await lend('source', session)).toMatchObject({ username: USERNAME, password: PASSWORD });
    // Still the token of its session: a describe (and so a claim) finds it unclaimed.
    const describe = bus.request('auth.credential.describe', {
      token,
      side: 'source',
      session: secretDigest(session),
    });
    await expect(describe).resolves.toMatchObject({ username: USERNAME });
  });

  it('deletes the credentials of a finished job', async () => {
    const owner = await claimed();
    const jobId = owner.slice('job:'.length);
    await bus.publish('job.finished', { jobId, status: 'completed', credentialOwner: owner });

    const error = await resolveFailure(owner);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      kind: 'credential_not_found',
      permanent: true,
      message: NOT_FOUND,
    });

    // A redelivered event deletes nothing more and does not fail.
    await bus.publish(
      'job.finished',
      { jobId, status: 'completed', credentialOwner: owner },
      `again-${jobId}`,
    );
  });

  it('purges credentials no job used within CREDENTIAL_TTL_HOURS, and only those', async () => {
    const [oldUnused, fresh] = [await verified(), await verified()];
    const ids = [(await rowOf(oldUnused)).id, (await rowOf(fresh)).id];
    const owner = await claimed();
    await bus.request('auth.credential.resolve', { owner, side: 'source' });
    const { rows: used } = await db.query(
      `SELECT id FROM auth.credential WHERE owner = $1 AND side = 'source'`,
      [owner],
    );
    const [oldUnusedId, freshId, oldUsed] = [...ids, used[0].id as string];
    await db.query(
      `UPDATE auth.credential SET created_at = now() - interval '25 hours' WHERE id = ANY($1)`,
      [[oldUnusedId, oldUsed]],
    );

    await auth.app.get(CredentialPurge).purgeOnce();

    const { rows } = await db.query('SELECT id FROM auth.credential WHERE id = ANY($1)', [
      [oldUnusedId, oldUsed, freshId],
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual([oldUsed, freshId].sort());
    expect(output.text).toMatch(/Purged 1 credential\(s\) unused for 24 h/);
  });

  it('never wrote the password, a token or a session to a log', async () => {
    const token = await verified();
    expect(output.text.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, token, session, secretDigest(session)]) {
      expect(output.text).not.toContain(secret);
    }
  });

  async function resolveFailure(owner: CredentialOwner): Promise<unknown> {
    const deadline = Date.now() + DELETE_WAIT_MS;
    while (Date.now() < deadline) {
      try {
        await bus.request('auth.credential.resolve', { owner, side: 'source' });
      } catch (error) {
        return error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the credentials of ${owner} were not deleted within ${DELETE_WAIT_MS} ms`);
  }
});
