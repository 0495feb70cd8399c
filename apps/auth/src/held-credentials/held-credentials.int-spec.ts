// A batch's CSV logins over the bus, against the real auth service, Postgres and NATS:
// stored sealed and held (the unused-credential purge leaves them), copied per job,
// resolved by workers, purged by job.finished (the copy only) and discarded on request; and a
// schedule's two tokens held from the session they were given to.
import { BusClient, RemoteError } from '@btsx/platform';
import { startNats, startPostgres } from '@btsx/testing';
import { jobLogins, PasswordLogin, SUBJECTS } from '@btsx/contracts';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AuthTestbed, startAuthTestbed } from '../auth-testbed';
import { CredentialPurge } from '../credentials/credential-purge';
import { CredentialService } from '../credentials/credential.service';

const LOGINS: PasswordLogin[] = ['ann', 'bob'].map((name) => ({
  host: 'imap.example.test',
  port: 993,
  security: 'tls',
  verifyCertificate: true,
  username: `${name}@example.test`,
  password: `held-${name}-${randomBytes(6).toString('hex')}`,
}));
/** job.finished goes through JetStream; the delete lands within a pull or two. */
const DELETE_WAIT_MS = 15_000;

let stopAll: (() => Promise<void>)[] = [];
let auth: AuthTestbed;
let app: NestExpressApplication;
let bus: BusClient;
let db: Client;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  stopAll = [() => postgres.stop(), () => nats.stop()];
  auth = await startAuthTestbed({
    LOG_LEVEL: 'warn',
    NATS_URL: nats.url,
    DATABASE_URL: postgres.url,
    CREDENTIAL_TTL_HOURS: '1',
  });
  ({ app, bus, db } = auth);
});

afterAll(async () => {
  await auth?.close();
  await Promise.all(stopAll.map((stop) => stop()));
});

async function exists(id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM auth.credential WHERE id = $1', [id]);
  return rows.length === 1;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DELETE_WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not within the wait');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('held credentials', () => {
  it('stores sealed logins that outlive the unused-credential purge', async () => {
    const { credentialIds } = await bus.request(SUBJECTS.credentialStore, { logins: LOGINS });
    expect(credentialIds).toHaveLength(2);
    const { rows } = await db.query<{ ciphertext: Buffer }>(
      'SELECT ciphertext FROM auth.credential WHERE id = ANY($1)',
      [credentialIds],
    );
    for (const row of rows) {
      for (const login of LOGINS)
        expect(row.ciphertext.toString('utf8')).not.toContain(login.password);
    }
    // Old enough for the purge of never-used credentials: held ones stay.
    await db.query(`UPDATE auth.credential SET created_at = now() - interval '2 hours'`);
    await app.get(CredentialPurge).purgeOnce();
    expect(await exists(credentialIds[0])).toBe(true);
  });

  it('copies held logins per job; job.finished purges the copies, discard the originals', async () => {
    const { credentialIds } = await bus.request(SUBJECTS.credentialStore, { logins: LOGINS });
    const [source, destination] = credentialIds;
    const jobId = randomUUID();
    const owner = jobLogins(jobId);
    const accounts = await bus.request(SUBJECTS.credentialCopy, { owner, source, destination });
    expect(accounts.source.username).toBe(LOGINS[0].username);
    expect(accounts.destination.username).toBe(LOGINS[1].username);
    const resolved = await bus.request(SUBJECTS.credentialResolve, { owner, side: 'destination' });
    expect(resolved).toMatchObject({ username: LOGINS[1].username, password: LOGINS[1].password });
    // The copies are the job's own two rows; the held originals stay as they were.
    const copies = await db.query<{ id: string }>(
      'SELECT id FROM auth.credential WHERE owner = $1',
      [owner],
    );
    expect(copies.rows).toHaveLength(2);

    await bus.publish(SUBJECTS.jobFinished, { jobId, status: 'completed', credentialOwner: owner });
    await eventually(async () => !(await exists(copies.rows[0].id)));
    expect(await exists(source)).toBe(true);

    const { deleted } = await bus.request(SUBJECTS.credentialDiscard, { credentialIds });
    expect(deleted).toBe(2);
    const error = await bus
      .request(SUBJECTS.credentialCopy, { owner: jobLogins(randomUUID()), source, destination })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).kind).toBe('credential_not_found');
  });

  it("holds a session's two tokens for a schedule, and only for that session", async () => {
    const vault = app.get(CredentialService);
    const session = randomBytes(32).toString('base64url');
    const source = await vault.issue(LOGINS[0], 'source', session);
    const destination = await vault.issue(LOGINS[1], 'destination', session);
    const other = randomBytes(32).toString('base64url');
    const refused = await bus
      .request(SUBJECTS.credentialHold, { session: other, source, destination })
      .catch((e: unknown) => e);
    expect((refused as RemoteError).kind).toBe('credential_not_found');

    const held = await bus.request(SUBJECTS.credentialHold, { session, source, destination });
    expect(held.destination.username).toBe(LOGINS[1].username);
    // Held like a batch's: the purge of unused credentials leaves them, copies serve a pass.
    await db.query(`UPDATE auth.credential SET created_at = now() - interval '2 hours'`);
    await app.get(CredentialPurge).purgeOnce();
    const owner = jobLogins(randomUUID());
    await bus.request(SUBJECTS.credentialCopy, { owner, ...held.heldIds });
    const again = await bus
      .request(SUBJECTS.credentialHold, { session, source, destination })
      .catch((e: unknown) => e);
    expect((again as RemoteError).kind).toBe('credential_not_found');
    const credentialIds = [held.heldIds.source, held.heldIds.destination];
    expect((await bus.request(SUBJECTS.credentialDiscard, { credentialIds })).deleted).toBe(2);
  });

  it('refuses an invalid store request without storing anything', async () => {
    const before = (await db.query('SELECT count(*)::int AS n FROM auth.credential')).rows[0].n;
    const error = await bus
      .request(SUBJECTS.credentialStore, {
        logins: [{ ...LOGINS[0], password: '' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const after = (await db.query('SELECT count(*)::int AS n FROM auth.credential')).rows[0].n;
    expect(after).toBe(before);
  });
});
