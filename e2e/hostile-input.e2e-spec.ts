// Hostile input against every public endpoint, through the gateway as a browser reaches
// them: malformed JSON, wrong types, oversized bodies and strings, unicode junk, path
// junk. Every answer is a 4xx with a JSON error body, never a 5xx, and the services stay
// up. Then the rate limits stop guessing and job floods with 429, whatever the spelling of the
// host or the X-Forwarded-For a client makes up.
import { ApiErrorBody, CREDENTIAL_TOKEN_PATTERN } from '@btsx/contracts';
import { BtsxApiClient, MigrationTestbed } from '@btsx/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/hostile-input');
/** Runs per property: enough variety for a CI run; BTSX_FUZZ_RUNS raises it for a soak. */
const RUNS = Number(process.env['BTSX_FUZZ_RUNS'] ?? 40);
/** The per-account limit the test configures: small, so guessing is stopped quickly. */
const ATTEMPTS_PER_ACCOUNT = 3;
/** Jobs per client address the test configures: junk bodies of the fuzzing count too. */
const JOBS_PER_CLIENT = 5;
/** Over the 1 MB JSON body limit of every service. */
const OVERSIZED_BYTES = 2 * 1024 * 1024;

interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** `:id` is replaced by junk. */
  path: string;
}

/** Every public endpoint, from the controllers of auth and the orchestrator. */
const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/api/auth/imap/verify' },
  { method: 'POST', path: '/api/jobs' },
  { method: 'GET', path: '/api/jobs/:id' },
  { method: 'POST', path: '/api/jobs/:id/cancel' },
  { method: 'POST', path: '/api/jobs/:id/restart' },
  { method: 'POST', path: '/api/jobs/:id/verify' },
  { method: 'DELETE', path: '/api/jobs/:id' },
  { method: 'GET', path: '/api/jobs/:id/events' },
];
const WITH_BODY = ENDPOINTS.filter((e) => e.method === 'POST');

const junkString = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom(
    '../../etc/passwd',
    '%00',
    '\u0000',
    '<script>',
    'x'.repeat(70_000),
    '😀'.repeat(500),
  ),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
/** Objects with the real field names (and some others) holding the wrong kind of value. */
const junkBody = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'host',
      'port',
      'security',
      'username',
      'password',
      'tlsInsecure',
      'sourceCredentialId',
      'destinationCredentialId',
      'options',
      '__proto__',
      'constructor',
    ),
    fc.string({ maxLength: 12 }),
  ),
  junkValue,
  { maxKeys: 8 },
);
/** Raw bytes that are not the JSON they claim to be. */
const malformedJson = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"host":', '[1,2', 'null', '"just a string"', '{"a":1}}', '\u0000\u0001'),
);
const junkPathId = fc.oneof(
  junkString.filter((s) => s.length > 0 && s.length < 2_000),
  fc.constantFrom('..', '%2e%2e', '%ZZ', '0', '-1', randomUUID().toUpperCase(), 'null'),
);

describe('hostile input', () => {
  let testbed: MigrationTestbed;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [{ username: 'alice@source.test', password: 'right-pw' }] },
      destination: { users: [] },
      serviceEnv: {
        auth: { VERIFY_ATTEMPTS_PER_ACCOUNT: String(ATTEMPTS_PER_ACCOUNT) },
        orchestrator: { JOBS_PER_CLIENT: String(JOBS_PER_CLIENT) },
      },
    });
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  async function send(method: string, path: string, body?: string, type = 'application/json') {
    const response = await fetch(`${testbed.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': type },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, text, type: response.headers.get('content-type') ?? '' };
  }

  /** A refusal a person can read: 4xx, JSON, with a message. */
  function expectClearRefusal(answer: { status: number; text: string; type: string }): void {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.type).toContain('application/json');
    const body = JSON.parse(answer.text) as ApiErrorBody;
    expect(body.statusCode).toBe(answer.status);
    expect(typeof body.message).toBe('string');
    expect(body.message.length).toBeGreaterThan(0);
  }

  const withId = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

  it('refuses bodies of the wrong shape with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WITH_BODY), junkBody, async (endpoint, body) => {
        const path = withId(endpoint.path, randomUUID());
        expectClearRefusal(await send(endpoint.method, path, JSON.stringify(body)));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses malformed JSON and JSON that is not an object', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WITH_BODY), malformedJson, async (endpoint, raw) => {
        const path = withId(endpoint.path, randomUUID());
        expectClearRefusal(await send(endpoint.method, path, raw));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses junk in the path', async () => {
    const withPathId = ENDPOINTS.filter((e) => e.path.includes(':id'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withPathId), junkPathId, async (endpoint, id) => {
        const body = endpoint.method === 'POST' ? '{}' : undefined;
        expectClearRefusal(await send(endpoint.method, withId(endpoint.path, id), body));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses oversized bodies and bodies of another type', async () => {
    const huge = JSON.stringify({ host: 'x'.repeat(OVERSIZED_BYTES) });
    for (const endpoint of WITH_BODY) {
      const path = withId(endpoint.path, randomUUID());
      expectClearRefusal(await send(endpoint.method, path, huge));
      expectClearRefusal(await send(endpoint.method, path, 'host=x', 'text/plain'));
    }
  });

  it('is still up and working after all of it', async () => {
    const api = new BtsxApiClient(testbed.url);
    const credentialId = await api.verify(
      {
        server: testbed.source,
        user: { username: 'alice@source.test', password: 'right-pw' },
      },
      'source',
    );
    expect(credentialId).toMatch(CREDENTIAL_TOKEN_PATTERN);
  });

  it('stops password guessing on one account with 429, however its host is spelled', async () => {
    const guess = (host: string, password: string) =>
      fetch(`${testbed.url}/api/auth/imap/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          side: 'source',
          host,
          port: testbed.source.port,
          security: 'none',
          username: 'guessed@source.test',
          password,
        }),
      });
    // Each a spelling of the source's 127.0.0.1: one account, one budget.
    const aliases = [testbed.source.host, '127.1', '0x7f000001'];
    expect(aliases).toHaveLength(ATTEMPTS_PER_ACCOUNT);
    for (const host of aliases) expect((await guess(host, `wrong-${host}`)).status).toBe(401);
    for (const host of ['localhost', '::ffff:127.0.0.1']) {
      const refused = await guess(host, 'one more');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as ApiErrorBody;
      expect(body.message).toContain('Too many sign-in attempts');
    }
  });

  it('gives a made-up X-Forwarded-For no budget of its own', async () => {
    let last: Response | undefined;
    for (let i = 0; i <= JOBS_PER_CLIENT; i++) {
      const forged = { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` };
      last = await fetch(`${testbed.url}/api/jobs`, {
        method: 'POST',
        headers: forged,
        body: '{}',
      });
    }
    // One client, so one budget of JOBS_PER_CLIENT, some of it spent by the fuzzing above.
    expect(last?.status).toBe(429);
    expect(((await last?.json()) as ApiErrorBody).message).toContain('Too many jobs started');
  });

  it('counts a restart and a Verify as jobs started: the spent budget refuses them too', async () => {
    for (const action of ['restart', 'verify']) {
      const refused = await fetch(`${testbed.url}/api/jobs/${randomUUID()}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect({ action, status: refused.status }).toEqual({ action, status: 429 });
      const { message } = (await refused.json()) as ApiErrorBody;
      expect(message).toContain('Too many jobs started or verified');
    }
  });
});
