import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"event":"job.finished"}';

  it('is the hex HMAC-SHA256 of timestamp, a dot and the raw body', () => {
    const hex = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`sha256=${hex}`);
  });

  it('verifies only the same secret, timestamp and body', () => {
    const signature = signWebhook(secret, 1_700_000_000, body);
    expect(verifyWebhook(secret, 1_700_000_000, body, signature)).toBe(true);
    expect(verifyWebhook('whsec_other', 1_700_000_000, body, signature)).toBe(false);
    expect(verifyWebhook(secret, 1_700_000_001, body, signature)).toBe(false);
    expect(verifyWebhook(secret, 1_700_000_000, `${body} `, signature)).toBe(false);
    expect(verifyWebhook(secret, 1_700_000_000, body, 'sha256=00')).toBe(false);
  });

  it('makes a new random secret each time', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(a).toMatch(/^whsec_[\w-]{43}$/);
    expect(a).not.toBe(b);
  });
});
