import { serverLimits, SUBJECTS } from '@btsx/contracts';
import { ImapLogin } from '@btsx/contracts';
import { BusClient } from '../bus/bus-client';
import { ConnectionLease, ConnectionLeases } from './connection-leases';

/**
 * How long a task holding one account's connections may wait for the other's before it
 * gives both back and retries later: two jobs copying A→B and B→A must not hold each
 * other's last connection forever.
 */
const SECOND_LEASE_WAIT_MS = 60_000;

/**
 * Resolves logins through auth and holds connection leases for them while one task runs,
 * within the account's limit: the server's own (Gmail 15) or the configured default.
 */
export class LeasedLogins {
  private readonly held: ConnectionLease[] = [];

  constructor(
    private readonly bus: BusClient,
    private readonly leases: ConnectionLeases,
    private readonly defaultCap: number,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * A resolver for withSessionPair; `connections` says how many the caller opens per side,
   * and `wait` can end its wait for a lease early (besides the whole task's signal).
   */
  resolver(
    connections: Record<'source' | 'destination', number>,
    wait?: AbortSignal,
  ): (credentialId: string, side: 'source' | 'destination') => Promise<ImapLogin> {
    return async (credentialId, side) => {
      const login = await this.bus.request(SUBJECTS.credentialResolve, { credentialId });
      const cap = serverLimits(login).maxConnections ?? this.defaultCap;
      const secondLease =
        this.held.length === 0 ? undefined : AbortSignal.timeout(SECOND_LEASE_WAIT_MS);
      const signals = [this.signal, wait, secondLease].filter(isSignal);
      const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
      this.held.push(await this.leases.acquire(login, connections[side], cap, signal));
      return login;
    };
  }

  async release(): Promise<void> {
    await Promise.all(this.held.splice(0).map((lease) => this.leases.release(lease)));
  }
}

function isSignal(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal !== undefined;
}
