// The completeness audit end to end: every job compares source and destination after
// copying, and `POST /api/jobs/:id/verify` (btsx verify) runs it again with fresh logins.
// A message deleted from the destination after the job makes the job incomplete, named.
import { clientSessionCookie, JobView } from '@btsx/contracts';
import { ImapSession, openImapSession, readIdentities } from '@btsx/imap';
import {
  ApiAccount,
  BtsxApiClient,
  DovecotServer,
  DovecotUser,
  generateCorpus,
  MigrationTestbed,
  seedMailbox,
  withImapSession,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/audit');
const JOB_TIMEOUT_MS = 120_000;

async function withSession<T>(
  server: DovecotServer,
  user: DovecotUser,
  work: (session: ImapSession) => Promise<T>,
): Promise<T> {
  const session = await openImapSession(
    { host: server.host, port: server.port, security: 'none', verifyCertificate: true, ...user },
    { allowPrivateHosts: true },
  );
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

describe('the completeness audit', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let from: ApiAccount;
  let to: ApiAccount;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [], separator: '/' },
      destination: { users: [], separator: '.' },
    });
    api = new BtsxApiClient(testbed.url);
    const alice = { username: 'alice@source.test', password: 'alice-pw' };
    const bob = { username: 'bob@dest.test', password: 'bob-pw' };
    await testbed.source.addUser(alice);
    await testbed.destination.addUser(bob);
    await seedMailbox(testbed.source, alice, generateCorpus({ messages: 60, folders: 3, seed: 7 }));
    from = { server: testbed.source, user: alice };
    to = { server: testbed.destination, user: bob };
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  /** POST /api/jobs/:id/verify with fresh logins of these two accounts. */
  async function verify(id: string, source = from, destination = to): Promise<Response> {
    return fetch(`${testbed.url}/api/jobs/${id}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: clientSessionCookie(api.session) },
      body: JSON.stringify(await api.signIn(source, destination)),
    });
  }

  it('audits every job after copying, then finds a message deleted from the destination', async () => {
    const { id } = await api.startJob(from, to);
    const ended = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(ended.status).toBe('completed');
    expect(ended.audit).toMatchObject({ trigger: 'automatic', state: 'done' });
    expect(ended.audit?.totals).toMatchObject({ missing: 0, refused: 0, extra: 0 });
    expect(ended.audit?.totals?.folders).toBe(ended.folders.length);

    // Someone deletes one copied message at the destination after the job ended.
    const { username } = to.user;
    const [removed, removedUid] = await withSession(to.server, to.user, async (session) => {
      const [identity, [message]] = [...(await readIdentities(session, 'INBOX'))][0];
      return [identity, message.uid] as const;
    });
    await withImapSession(to.server, to.user, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageDelete(String(removedUid), { uid: true });
    });
    const sourceUid = await withSession(from.server, from.user, async (session) => {
      return (await readIdentities(session, 'INBOX')).get(removed)![0].uid;
    });

    const response = await verify(id);
    expect(response.status).toBe(202);
    const asked = (await response.json()) as JobView;
    expect(asked.audit).toMatchObject({ trigger: 'on_demand', state: 'running' });
    const verified = await api.waitFor(
      id,
      (job) => job.audit?.id === asked.audit?.id && job.audit?.state !== 'running',
      {
        timeoutMs: JOB_TIMEOUT_MS,
        what: `the audit of ${username}`,
      },
    );
    expect(verified.status).toBe('incomplete');
    expect(verified.error).toBe('1 message missing at the destination');
    expect(verified.audit?.totals?.missing).toBe(1);
    const inbox = verified.audit?.folders.find((f) => f.source === 'INBOX');
    expect(inbox?.samples.missing.map((m) => m.uid)).toEqual([sourceUid]);
    // The job still ended when it ended: the audit after it changes the verdict only.
    expect(verified.finishedAt).toBe(ended.finishedAt);
  });

  it('refuses to verify a job with logins of other accounts', async () => {
    const { id } = await api.startJob(from, to);
    await api.waitForEnd(id, JOB_TIMEOUT_MS);
    const response = await verify(id, to, to);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('source account');
  });

  it('skips the audit when the job turned Verify off', async () => {
    const { id } = await api.startJob(from, to, { reconcileExisting: true, verify: false });
    const ended = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(ended.status).toBe('completed');
    expect(ended.audit).toBeNull();
  });
});
