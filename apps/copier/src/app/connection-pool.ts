import { CopyTask, jobLogins } from '@btsx/contracts';
import { type CopyConnections, openCopyConnections } from '@btsx/imap';
import { BusClient, ConnectionLeases, LeasedLogins } from '@btsx/platform';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CopierConfig } from './copier-config';
import { CopierMetrics } from './copier-metrics';

/**
 * A task reads through one source connection and writes through one: the destination's line
 * is its session or its writer, never both at once.
 */
export const CONNECTIONS_PER_TASK = { source: 1, destination: 1 };
const CONNECTIONS_PER_PAIR = CONNECTIONS_PER_TASK.source + CONNECTIONS_PER_TASK.destination;

/** A task's logged-in connections and the leases that count them. */
export class TaskConnections {
  constructor(
    readonly jobId: string,
    private readonly pair: CopyConnections,
    private readonly logins: LeasedLogins,
  ) {}

  get source() {
    return this.pair.source;
  }

  get destination() {
    return this.pair.destination;
  }

  /** Neither connection was dropped while it waited (a server may log idle clients out). */
  get usable(): boolean {
    return this.pair.source.usable && this.pair.destination.usable;
  }

  async close(): Promise<void> {
    await this.pair.close().catch(() => undefined);
    await this.logins.release();
  }
}

interface IdleConnections {
  connections: TaskConnections;
  timer: NodeJS.Timeout;
}

/**
 * Keeps a finished task's connections for the job's next task (a job's folders and ranges
 * follow one another): a login costs several round trips at a distance, and an account of
 * many small folders would otherwise pay three per folder.
 */
@Injectable()
export class ConnectionPool implements OnApplicationShutdown {
  /** By job id: only the job's own tasks sign in with its logins. */
  private readonly idle = new Map<string, IdleConnections[]>();
  private shuttingDown = false;

  constructor(
    private readonly bus: BusClient,
    private readonly leases: ConnectionLeases,
    private readonly config: CopierConfig,
    private readonly metrics: CopierMetrics,
  ) {}

  /** Idle connections of the task's accounts, or new ones (waiting for leases if need be). */
  async take(task: CopyTask, signal: AbortSignal): Promise<TaskConnections> {
    const idleOfJob = () => this.idle.get(task.jobId)?.pop();
    for (let idle = idleOfJob(); idle; idle = idleOfJob()) {
      clearTimeout(idle.timer);
      if (idle.connections.usable) return idle.connections;
      await this.close(idle.connections);
    }
    const { IMAP_MAX_CONNECTIONS_PER_ACCOUNT: perAccount, IMAP_MAX_CONNECTIONS_PER_HOST: perHost } =
      this.config;
    const logins = new LeasedLogins(this.bus, this.leases, { perAccount, perHost }, signal);
    try {
      const pair = await openCopyConnections({
        resolveLogin: logins.resolver(jobLogins(task.jobId), CONNECTIONS_PER_TASK),
        allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
        commandTimeoutMs: this.config.IMAP_COMMAND_TIMEOUT_MS,
        // Only a run that checks content reads the destination before it writes.
        writerFirst: !task.options.reconcileExisting,
      });
      this.metrics.imapConnections.inc(CONNECTIONS_PER_PAIR);
      return new TaskConnections(task.jobId, pair, logins);
    } catch (error) {
      await logins.release();
      throw error;
    }
  }

  /** Keeps healthy connections for a while; a task that failed closes its own instead. */
  giveBack(connections: TaskConnections): void {
    // COPIER_IDLE_CONNECTION_MS: long enough to bridge two tasks, short enough that idle
    // connections never keep another copier from the account's leases for long.
    const idleMs = this.config.COPIER_IDLE_CONNECTION_MS;
    if (this.shuttingDown || idleMs === 0) return void this.close(connections);
    const list = this.idle.get(connections.jobId) ?? [];
    const timer = setTimeout(() => this.evict(connections), idleMs);
    list.push({ connections, timer });
    this.idle.set(connections.jobId, list);
  }

  async close(connections: TaskConnections): Promise<void> {
    this.metrics.imapConnections.dec(CONNECTIONS_PER_PAIR);
    await connections.close();
  }

  /** The job's copying or the job itself ended: its idle connections log out now. */
  async forgetJob(jobId: string): Promise<void> {
    const ofJob = this.idle.get(jobId) ?? [];
    await Promise.all([...ofJob].map((idle) => this.evict(idle.connections)));
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    const all = [...this.idle.values()].flat();
    await Promise.all(all.map((idle) => this.evict(idle.connections)));
  }

  private async evict(connections: TaskConnections): Promise<void> {
    const list = this.idle.get(connections.jobId) ?? [];
    const index = list.findIndex((idle) => idle.connections === connections);
    if (index < 0) return;
    clearTimeout(list[index].timer);
    list.splice(index, 1);
    if (list.length === 0) this.idle.delete(connections.jobId);
    await this.close(connections);
  }
}
