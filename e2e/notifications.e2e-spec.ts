// Notifications of a real job between two Dovecots: the owner's e-mail reaches a local SMTP
// server with the job's status, counts and link and nothing secret in it; the webhook reaches
// a local receiver signed with the secret the job's creation answer showed once, its body
// naming the job and its counts; a receiver that answers 500 twice gets the same delivery on
// the third attempt; and an event is sent once, however often the bus delivers it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import { NotificationBody, WEBHOOK_HEADERS } from '@btsx/contracts';
import {
  BtsxApiClient,
  DovecotUser,
  generateCorpus,
  MigrationTestbed,
  pollUntil,
  seedMailbox,
  SmtpSink,
  WebhookReceiver,
} from '@btsx/testing';

const OUTPUT = resolve('test-output/e2e/notifications');
const SOURCE: DovecotUser = { username: 'told@source.test', password: 'src-Told-4711' };
const DESTINATION: DovecotUser = { username: 'told@dest.test', password: 'dst-Told-4711' };
const OWNER = 'owner@example.test';
const MESSAGES = 24;
/** Retries 200 ms apart (then 400): the third attempt comes within a second. */
const RETRY_BASE_MS = 200;
const DELIVERY_TIMEOUT_MS = 15_000;

/** What a receiver does: recompute the HMAC of `<timestamp>.<body>` and compare. */
function signatureVerifies(secret: string, timestamp: string, body: string, signature: string) {
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return (
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

describe('notifications of a finished job', () => {
  let smtp: SmtpSink;
  let hooks: WebhookReceiver;
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;

  beforeAll(async () => {
    [smtp, hooks] = await Promise.all([SmtpSink.start(), WebhookReceiver.start()]);
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE] },
      destination: { users: [DESTINATION] },
      serviceEnv: {
        orchestrator: {
          SMTP_URL: smtp.url,
          NOTIFY_FROM: 'btsx@example.test',
          NOTIFY_RETRY_BASE_MS: String(RETRY_BASE_MS),
          NOTIFY_SWEEP_MS: '100',
        },
      },
    });
    api = new BtsxApiClient(testbed.url);
    await seedMailbox(
      testbed.source,
      SOURCE,
      generateCorpus({ messages: MESSAGES, folders: 2, seed: 21 }),
    );
  });

  afterAll(async () => {
    await testbed?.stop();
    await Promise.all([smtp?.stop(), hooks?.stop()]);
  });

  it('mails the owner and calls the webhook, signed, after two refusals', async () => {
    hooks.answer('/flaky', [500, 500]);
    const tokens = await api.signIn(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: DESTINATION },
    );
    const answer = await api.createJobAnswer({
      ...tokens,
      options: {
        deleteSource: false,
        foldersOnly: false,
        progressUpdates: true,
        reconcileExisting: false,
      },
      notify: { email: OWNER, webhook: { url: hooks.url('/flaky') } },
    });
    expect(answer.webhookSecret).toMatch(/^whsec_/);
    const job = await api.waitForEnd(answer.id);
    expect(job.status).toBe('completed');
    expect(job.notify).toEqual({
      email: 'ow***@example.test',
      webhook: hooks.url('/flaky').replace('/flaky', ''),
    });

    const mail = await pollUntil('the mail', async () => smtp.received[0], DELIVERY_TIMEOUT_MS);
    expect(mail.to).toEqual([OWNER]);
    expect(mail.raw).toMatch(/^Subject: BTSX: Your mailbox migration completed$/m);
    expect(mail.raw).toContain(`Copied: ${MESSAGES}`);
    expect(mail.raw).toContain(`/jobs/${answer.id}`);
    for (const secret of [
      SOURCE.password,
      DESTINATION.password,
      smtp.password,
      answer.webhookSecret!,
    ]) {
      expect(mail.raw).not.toContain(secret);
    }

    const attempts = await pollUntil(
      'the third attempt',
      async () => (hooks.at('/flaky').length >= 3 ? hooks.at('/flaky') : undefined),
      DELIVERY_TIMEOUT_MS,
    );
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const delivered = attempts[2];
    // One notification: every attempt carries the same delivery id and body.
    expect(new Set(attempts.map((a) => a.headers[WEBHOOK_HEADERS.delivery])).size).toBe(1);
    const timestamp = String(delivered.headers[WEBHOOK_HEADERS.timestamp]);
    const signature = String(delivered.headers[WEBHOOK_HEADERS.signature]);
    expect(signatureVerifies(answer.webhookSecret!, timestamp, delivered.body, signature)).toBe(
      true,
    );
    expect(signatureVerifies('whsec_wrong', timestamp, delivered.body, signature)).toBe(false);
    const body = JSON.parse(delivered.body) as NotificationBody;
    expect(body).toMatchObject({
      event: 'job.finished',
      jobId: answer.id,
      status: 'completed',
      counts: { total: MESSAGES, copied: MESSAGES, failed: 0 },
    });
    expect(delivered.body).not.toContain(SOURCE.username);

    // Sent once: a while later there is still one mail and no fourth request.
    await new Promise((resolve) => setTimeout(resolve, 4 * RETRY_BASE_MS));
    expect(smtp.received).toHaveLength(1);
    expect(hooks.at('/flaky')).toHaveLength(3);
  });
});
