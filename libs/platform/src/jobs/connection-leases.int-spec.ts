import { NatsReplicas, startNatsReplicas } from '@btsx/testing';
import { connect, NatsConnection } from 'nats';
import { ConnectionLeases } from './connection-leases';

describe('ConnectionLeases on a real NATS server', () => {
  let replicas: NatsReplicas;
  let connections: NatsConnection[];

  beforeAll(async () => {
    replicas = await startNatsReplicas(2);
    connections = replicas.connections;
  });

  afterAll(() => replicas?.stop());

  it('never lets two processes together hold more than the cap for one account', async () => {
    const processes = connections.map((nc) => new ConnectionLeases(nc));
    const account = { host: 'imap.example.com', username: 'cap@example.com' };
    let holding = 0;
    let most = 0;
    const work = async (leases: ConnectionLeases) => {
      const lease = await leases.acquire(account, 1, 3);
      holding++;
      most = Math.max(most, holding);
      await new Promise((r) => setTimeout(r, 150));
      holding--;
      await leases.release(lease);
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => work(processes[i % 2])));
    expect(most).toBe(3);
  });

  it('keeps the lease of a live holder, and ignores one whose holder died', async () => {
    const doomed = await connect({ servers: replicas.nats.url });
    const shortLived = new ConnectionLeases(doomed, 300);
    const other = new ConnectionLeases(connections[1]);
    const account = { host: 'imap.example.com', username: 'ttl@example.com' };
    await shortLived.acquire(account, 2, 2);
    await other.acquire({ ...account, username: 'someone-else@example.com' }, 2, 2);
    // Renewed three times per TTL: still held well past one TTL.
    const wait = new AbortController();
    setTimeout(() => wait.abort(), 900);
    await expect(other.acquire(account, 1, 2, wait.signal)).rejects.toThrow();
    await doomed.close();
    const started = Date.now();
    await other.acquire(account, 1, 2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops waiting when its signal aborts', async () => {
    const leases = new ConnectionLeases(connections[0]);
    const account = { host: 'imap.example.com', username: 'abort@example.com' };
    await leases.acquire(account, 1, 1);
    const controller = new AbortController();
    const waiting = leases.acquire(account, 1, 1, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
  });
});
