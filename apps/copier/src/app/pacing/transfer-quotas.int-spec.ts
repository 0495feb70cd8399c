import { NatsReplicas, startNatsReplicas } from '@btsx/testing';
import type { QuotaRule } from './rolling-window';
import { TransferQuotas } from './transfer-quotas.store';

describe('TransferQuotas on a real NATS server', () => {
  let replicas: NatsReplicas;

  beforeAll(async () => {
    replicas = await startNatsReplicas(2);
  });

  afterAll(() => replicas?.stop());

  it('never lets two copiers together reserve more than an account’s quota', async () => {
    const copiers = replicas.connections.map((nc) => new TransferQuotas(nc));
    const account = { host: 'imap.gmail.com', username: 'Shared@Example.com' };
    const rule: QuotaRule = { limitBytes: 10_000, windowMs: 3_600_000 };
    const granted = await Promise.all(
      Array.from({ length: 40 }, (_, i) => copiers[i % 2].reserve(account, 'upload', 700, rule)),
    );
    const taken = granted.filter((reservation) => reservation.granted);
    // 14 of 700 bytes fit in 10,000: no more, whatever the interleaving.
    expect(taken).toHaveLength(14);
    const refused = granted.find((reservation) => !reservation.granted);
    expect(refused).toMatchObject({ resumesAt: expect.any(Number) });
  });

  it('counts an account’s directions apart, and takes back what was released', async () => {
    const [one, other] = replicas.connections.map((nc) => new TransferQuotas(nc));
    const account = { host: 'imap.gmail.com', username: 'release@example.com' };
    const rule: QuotaRule = { limitBytes: 1_000, windowMs: 3_600_000 };
    const first = await one.reserve(account, 'upload', 1_000, rule);
    expect((await other.reserve(account, 'download', 1_000, rule)).granted).toBe(true);
    expect((await other.reserve(account, 'upload', 400, rule)).granted).toBe(false);
    if (!first.granted) throw new Error('the first reservation was refused');
    await one.release(account, 'upload', first.slot, 400);
    // The same account whatever the username's case, as the connection leases count it.
    const sameAccount = { ...account, username: 'RELEASE@example.com' };
    expect((await other.reserve(sameAccount, 'upload', 400, rule)).granted).toBe(true);
  });
});
