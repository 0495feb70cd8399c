import { BusClient } from '../bus/bus-client';
import { ConnectionLeases, LeaseScope } from './connection-leases';
import { LeasedLogins } from './leased-logins';

/** Auth's answer per owner, and the leases taken, in order, with their caps. */
function fakes(hosts: Record<string, string>) {
  const taken: { scope: LeaseScope; connections: number; cap: number }[] = [];
  const bus = {
    request: async (_subject: string, { owner }: { owner: string }) => ({
      host: hosts[owner],
      port: 993,
      username: `${owner.slice('job:'.length)}@example.com`,
    }),
  } as unknown as BusClient;
  const leases = {
    acquire: async (scope: LeaseScope, connections: number, cap: number) => {
      taken.push({ scope, connections, cap });
      return { key: JSON.stringify(scope), id: String(taken.length), connections };
    },
  } as unknown as ConnectionLeases;
  return { bus, leases, taken };
}

describe('LeasedLogins', () => {
  const caps = { perAccount: 8, perHost: 16 };

  it("holds the host's connections beside the account's, under each cap", async () => {
    const { bus, leases, taken } = fakes({ 'job:a': 'courier.example.org' });
    const logins = new LeasedLogins(bus, leases, caps);
    await logins.resolver('job:a', { source: 1, destination: 2 })('destination');
    expect(taken).toEqual([
      {
        scope: { host: 'courier.example.org', username: 'a@example.com' },
        connections: 2,
        cap: 8,
      },
      { scope: { host: 'courier.example.org', port: 993 }, connections: 2, cap: 16 },
    ]);
  });

  it("caps no provider's shared host, only the account, at the provider's own limit", async () => {
    const { bus, leases, taken } = fakes({ 'job:g': 'imap.gmail.com' });
    const logins = new LeasedLogins(bus, leases, caps);
    await logins.resolver('job:g', { source: 1, destination: 2 })('source');
    expect(taken).toEqual([
      { scope: { host: 'imap.gmail.com', username: 'g@example.com' }, connections: 1, cap: 15 },
    ]);
  });
});
