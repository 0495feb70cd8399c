import { BusClient, RemoteError } from '@btsx/platform';
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

  function verify(body: object, url = auth.url) {
    return fetch(`${url}/api/auth/imap/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  function validLogin(overrides: object = {}) {
    return {
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      username: USERNAME,
      password: PASSWORD,
      ...overrides,
    };
  }

  async function verified(): Promise<string> {
    const response = await verify(validLogin());
    expect(response.status).toBe(200);
    return ((await response.json()) as { credentialId: string }).credentialId;
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
    const { credentialId } = JSON.parse(text) as { credentialId: string };

    const { rows } = await db.query('SELECT * FROM auth.credential WHERE id = $1', [credentialId]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
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
    const { rows } = await db.query(
      'SELECT verify_certificate FROM auth.credential WHERE id = $1',
      [credentialId],
    );
    expect(rows[0].verify_certificate).toBe(false);
  });

  it('resolves the login over NATS and marks it used', async () => {
    const credentialId = await verified();
    const login = await bus.request('auth.credential.resolve', { credentialId });
    expect(login).toEqual({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      verifyCertificate: true,
      username: USERNAME,
      password: PASSWORD,
    });
    const { rows } = await db.query('SELECT used_at FROM auth.credential WHERE id = $1', [
      credentialId,
    ]);
    expect(rows[0].used_at).toBeInstanceOf(Date);
  });

  it('describes the endpoint over NATS without the password', async () => {
    const credentialId = await verified();
    const endpoint = await bus.request('auth.credential.describe', { credentialId });
    expect(endpoint).toEqual({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      verifyCertificate: true,
      username: USERNAME,
    });
  });

  it('deletes the credentials of a finished job', async () => {
    const credentialId = await verified();
    const jobId = randomUUID();
    await bus.publish('job.finished', {
      jobId,
      status: 'completed',
      credentialIds: [credentialId],
    });

    const error = await resolveFailure(credentialId);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      kind: 'credential_not_found',
      permanent: true,
      message: NOT_FOUND,
    });

    // A redelivered event deletes nothing more and does not fail.
    await bus.publish(
      'job.finished',
      { jobId, status: 'completed', credentialIds: [credentialId] },
      `again-${jobId}`,
    );
  });

  it('purges credentials no job used within CREDENTIAL_TTL_HOURS, and only those', async () => {
    const [oldUnused, oldUsed, fresh] = [await verified(), await verified(), await verified()];
    await bus.request('auth.credential.resolve', { credentialId: oldUsed });
    await db.query(
      `UPDATE auth.credential SET created_at = now() - interval '25 hours' WHERE id = ANY($1)`,
      [[oldUnused, oldUsed]],
    );

    await auth.app.get(CredentialPurge).purgeOnce();

    const { rows } = await db.query('SELECT id FROM auth.credential WHERE id = ANY($1)', [
      [oldUnused, oldUsed, fresh],
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual([oldUsed, fresh].sort());
    expect(output.text).toMatch(/Purged 1 credential\(s\) unused for 24 h/);
  });

  it('never wrote the password to a log', () => {
    expect(output.text.length).toBeGreaterThan(0);
    expect(output.text).not.toContain(PASSWORD);
  });

  async function resolveFailure(credentialId: string): Promise<unknown> {
    const deadline = Date.now() + DELETE_WAIT_MS;
    while (Date.now() < deadline) {
      try {
        await bus.request('auth.credential.resolve', { credentialId });
      } catch (error) {
        return error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`credential ${credentialId} was not deleted within ${DELETE_WAIT_MS} ms`);
  }
});
