import { AccountSide, CredentialOwner, ImapLogin, serverLimits, SUBJECTS } from '@btsx/contracts';
import { BusClient } from '../bus/bus-client';
import { ConnectionLease, ConnectionLeases, LeaseScope } from './connection-leases';

/**
 * How long a task holding some connections (one account's, one host's) may wait for the next
 * lease before it gives all back and retries later: two jobs copying A→B and B→A must not
 * hold each other's last connection forever.
 */
const SECOND_LEASE_WAIT_MS = 60_000;

/** IMAP_MAX_CONNECTIONS_PER_ACCOUNT and IMAP_MAX_CONNECTIONS_PER_HOST. */
export interface ConnectionCaps {
  perAccount: number;
  perHost: number;
}

/**
 * Resolves logins through auth and holds connection leases for them while one task runs,
 * within the account's limit (the server's own, Gmail 15, or the configured default) and
 * the host's (none for a provider's shared hosts).
 */
export class LeasedLogins {
  private readonly held: ConnectionLease[] = [];

  constructor(
    private readonly bus: BusClient,
    private readonly leases: ConnectionLeases,
    private readonly caps: ConnectionCaps,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * A resolver of the owner's logins for withSessionPair; `connections` says how many the
   * caller opens per side, and `wait` can end its wait for a lease early (besides the whole
   * task's signal).
   */
  resolver(
    owner: CredentialOwner,
    connections: Record<AccountSide, number>,
    wait?: AbortSignal,
  ): (side: AccountSide) => Promise<ImapLogin> {
    return async (side) => {
      const login = await this.bus.request(SUBJECTS.credentialResolve, { owner, side });
      const limits = serverLimits(login);
      const account = limits.maxConnections ?? this.caps.perAccount;
      await this.hold(
        { host: login.host, username: login.username },
        connections[side],
        account,
        wait,
      );
      if (!limits.sharedHost) {
        const server = { host: login.host, port: login.port };
        await this.hold(server, connections[side], this.caps.perHost, wait);
      }
      return login;
    };
  }

  private async hold(scope: LeaseScope, connections: number, cap: number, wait?: AbortSignal) {
    const later = this.held.length === 0 ? undefined : AbortSignal.timeout(SECOND_LEASE_WAIT_MS);
    const signals = [this.signal, wait, later].filter(isSignal);
    const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
    this.held.push(await this.leases.acquire(scope, connections, cap, signal));
  }

  async release(): Promise<void> {
    await Promise.all(this.held.splice(0).map((lease) => this.leases.release(lease)));
  }
}

function isSignal(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal !== undefined;
}
