// A hostile IMAP server against the whole system: every trick to grow a service's memory,
// fill the copier's spool or hold a worker forever ends the sign-in check or the job with a
// clear error, and no service's peak resident memory reaches 300 MB.
import { resolve } from 'node:path';
import { peakMemory } from '@btsx/runner';
import {
  ApiError,
  BtsxApiClient,
  type DovecotServer,
  type HostileImapServer,
  type HostileScript,
  startDovecot,
  startHostileImapServer,
  startTestSystem,
  stopTestSystem,
  type TestSystem,
} from '@btsx/testing';

/** Short, so each silent server ends its job quickly; the services' defaults are 30 s. */
const COMMAND_TIMEOUT_MS = 3_000;
const PEAK_RSS_LIMIT_MB = 300;
const ANNOUNCED_BYTES = 5 * 1024 * 1024;
/** What the copier may read of a message past its announced size (fetch-large-message.ts). */
const SPOOL_LIMIT_BYTES = 2 * ANNOUNCED_BYTES + 2 * 1024 * 1024;
/** The other answers of the job's connections: LIST, FETCH lines, the sign-in check. */
const OTHER_BYTES = 64 * 1024;
const JOB_END_MS = 45_000;
/** The copier's literal limit (libs/imap connect-options.ts). */
const MAX_LITERAL_BYTES = 16 * 1024 * 1024;
const VICTIM = { username: 'victim', password: 'hostile-Secret-4711' };
const DESTINATION_USER = { username: 'hostile-dest@dest.test', password: 'dst-Hostile-4711' };

describe('a hostile IMAP server', () => {
  let bed: TestSystem;
  let destination: DovecotServer;
  let api: BtsxApiClient;
  const servers: HostileImapServer[] = [];

  beforeAll(async () => {
    const env = { IMAP_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS), DISCOVERY_ATTEMPTS: '2' };
    [bed, destination] = await Promise.all([
      startTestSystem({
        outputDir: resolve('test-output/e2e/hostile-server'),
        serviceEnv: { discovery: env, copier: env },
      }),
      startDovecot({ users: [DESTINATION_USER] }),
    ]);
    api = new BtsxApiClient(bed.system.url);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    if (bed) await stopTestSystem(bed);
    await destination?.stop();
  });

  afterEach(() => {
    const peaks = peakMemory(bed.system.processes).map((p) => ({
      service: p.service,
      mb: Math.round(p.peakRssBytes / 2 ** 20),
    }));
    console.log(`Peak RSS: ${peaks.map((p) => `${p.service} ${p.mb} MB`).join(', ')}`);
    expect(peaks.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...peaks.map((p) => p.mb))).toBeLessThan(PEAK_RSS_LIMIT_MB);
  });

  async function hostile(script: HostileScript, spare = 0) {
    const server = await startHostileImapServer(script, { spare });
    servers.push(server);
    return server;
  }

  const account = (server: HostileImapServer) => ({ server, user: VICTIM });

  /** The sign-in check's answer: the error text of a refused verify. */
  async function verifyFailure(script: HostileScript): Promise<string> {
    const error = await api.verify(account(await hostile(script)), 'source').then(
      () => new Error('the sign-in check passed'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(String(error)).not.toContain(VICTIM.password);
    return (error as ApiError).body;
  }

  /** A job from the hostile server (its first connection, the sign-in check, is spared). */
  async function jobFrom(script: HostileScript) {
    const source = await hostile(script, 1);
    const started = await api.startJob(account(source), {
      server: destination,
      user: DESTINATION_USER,
    });
    const ended = await api.waitForEnd(started.id, JOB_END_MS);
    expect(JSON.stringify(ended)).not.toContain(VICTIM.password);
    return { ended, source };
  }

  it('a sign-in check ends with a clear error: endless greeting, silence, slow drip', async () => {
    const [endless, silent, drip] = await Promise.all([
      verifyFailure({ kind: 'endless-greeting' }),
      verifyFailure({ kind: 'silent-after-login' }),
      verifyFailure({ kind: 'slow-drip', intervalMs: 100 }),
    ]);
    expect(endless).toMatch(/larger than any mailbox needs/);
    expect(silent).toMatch(/did not answer in time/);
    expect(drip).toMatch(/did not answer in time/);
  }, 60_000);

  it.each([
    [{ kind: 'endless-list' }, /larger than any mailbox needs: Line length/],
    [{ kind: 'many-folders', count: 100_000 }, /100000 folders; at most 5000/],
    [{ kind: 'long-folder-name', bytes: 10 * 1024 * 1024 }, /larger than any mailbox needs/],
    [{ kind: 'long-folder-name', bytes: 5_000 }, /folder name of 5000 bytes .*at most 1000/],
    [{ kind: 'many-folders', count: 1_000, nameBytes: 999 }, /1000 folders make a plan of/],
    [{ kind: 'silent-after-login' }, /did not answer in time/],
  ] as const)(
    'planning %j fails the job: %s',
    async (script, reason) => {
      const { ended } = await jobFrom(script);
      expect(ended.status).toBe('failed');
      expect(ended.error).toMatch(reason);
    },
    60_000,
  );

  it('a literal of 1 GiB ends the copy with the limit it broke', async () => {
    const { ended, source } = await jobFrom({ kind: 'huge-literal' });
    expect(ended.status).toBe('failed');
    // The folder's task failed for good on its first attempt, and its status line says why.
    const lines = JSON.stringify(await api.statusLines(ended.id));
    expect(lines).toMatch(/larger than any mailbox needs: a literal of 1073741824 bytes/);
    expect(source.bytesSent).toBeLessThan(MAX_LITERAL_BYTES);
  }, 60_000);

  it('a message sent past its announced size fails alone, the spool bounded', async () => {
    const script = { kind: 'pieces-beyond-size', announcedBytes: ANNOUNCED_BYTES } as const;
    const { ended, source } = await jobFrom(script);
    expect(ended.failures).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /more than \d+ bytes of UID 1, which it announced as 5242880/,
        ),
      }),
    ]);
    // The spool holds at most what the copier read.
    expect(source.bytesSent).toBeLessThan(SPOOL_LIMIT_BYTES + OTHER_BYTES);
  }, 60_000);
});
