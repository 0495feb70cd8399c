import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../process/free-port';
import {
  SERVICE_NAMES,
  ServiceName,
  serviceEntry,
  serviceNodeFlags,
  serviceEnvironment,
  SystemSettings,
} from './service-catalog';
import { LOOPBACK, reachableHost } from './reachable-host';
import { ReplicaBalancer } from './replica-balancer';
import { ServiceProcess } from './service-process';

export interface SystemOptions extends Omit<SystemSettings, 'ports'> {
  /** Root of the `nx build` output (dist). */
  distRoot: string;
  /** Where each service's log file goes. */
  logDir: string;
  /**
   * Processes per service (1 each by default). Replicas of gateway, auth or orchestrator get
   * a port each, behind a ReplicaBalancer on the service's port, as behind a Kubernetes
   * Service.
   */
  replicas?: Partial<Record<ServiceName, number>>;
  ports?: Partial<SystemSettings['ports']>;
}

/** Start-up attempts of one service whose port was taken meanwhile. */
const PORT_CLASH_ATTEMPTS = 3;

type AddressedService = keyof SystemSettings['ports'];
/** Services whose port others are told (the gateway's upstreams) or tests use (the gateway). */
const ADDRESSED: readonly AddressedService[] = ['gateway', 'auth', 'orchestrator'];

function isAddressed(name: ServiceName): name is AddressedService {
  return (ADDRESSED as readonly string[]).includes(name);
}

/** Every BTSX service as its own process, as `npm start` runs them. */
export class BtsxSystem {
  readonly processes: ServiceProcess[] = [];
  private readonly balancers = new Map<AddressedService, ReplicaBalancer>();
  /** Processes made of each service so far: each gets a label (and log) of its own. */
  private readonly made = new Map<ServiceName, number>();

  private constructor(
    private readonly options: SystemOptions,
    private readonly settings: SystemSettings,
  ) {}

  static async start(options: SystemOptions): Promise<BtsxSystem> {
    const gateway = options.ports?.gateway ?? (await freePort());
    const auth = options.ports?.auth ?? (await freePort([gateway]));
    const orchestrator = options.ports?.orchestrator ?? (await freePort([gateway, auth]));
    const ports = { gateway, auth, orchestrator };
    const system = new BtsxSystem(options, { ...options, ports });
    try {
      await system.startBalancers();
      // Every process boots at once, as a deployment's pods do: none waits for another.
      const processes = SERVICE_NAMES.flatMap((name) =>
        Array.from({ length: system.replicaCount(name) }, () => system.startOnAFreePort(name)),
      );
      await Promise.all(processes);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  private replicaCount(name: ServiceName): number {
    return this.options.replicas?.[name] ?? 1;
  }

  /**
   * A balancer on the port of each addressed service that runs replicas: the one chosen, or
   * one the system assigns as the balancer binds it.
   */
  private async startBalancers(): Promise<void> {
    for (const name of ADDRESSED) {
      if (this.replicaCount(name) < 2) continue;
      const host = name === 'gateway' ? (this.settings.gatewayHost ?? LOOPBACK) : LOOPBACK;
      const balancer = await ReplicaBalancer.start(host, this.options.ports?.[name] ?? 0, () =>
        this.runningPorts(name),
      );
      this.balancers.set(name, balancer);
      this.settings.ports[name] = balancer.port;
    }
  }

  /** The ports of a service's running processes. */
  private runningPorts(name: ServiceName): number[] {
    return this.processes
      .filter((p) => p.running && serviceOf(p.options.name) === name)
      .map((p) => p.options.port);
  }

  /** Whether the service's one process binds the port others know it by (no balancer). */
  private bindsOwnPort(name: ServiceName): name is AddressedService {
    return isAddressed(name) && !this.balancers.has(name);
  }

  get url(): string {
    return `http://${reachableHost(this.settings.gatewayHost)}:${this.settings.ports.gateway}`;
  }

  /**
   * At start-up only, when nothing refers to the service's port yet: a port found free can be
   * taken before the service binds it (by a test running alongside, or as the local port of
   * an outgoing connection), so a clash is retried on another one.
   */
  private async startOnAFreePort(name: ServiceName): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const service = await this.addProcess(name);
      try {
        await service.start();
        return;
      } catch (error) {
        const own = this.bindsOwnPort(name);
        const chosen = own && this.options.ports?.[name] !== undefined;
        const clash = /EADDRINUSE/.test(String(error));
        if (!clash || chosen || attempt >= PORT_CLASH_ATTEMPTS) throw error;
        this.processes.splice(this.processes.indexOf(service), 1);
        if (own) {
          this.settings.ports[name] = await freePort(Object.values(this.settings.ports));
        }
      }
    }
  }

  /** Starts one more process of a service (another replica, or a restart after a kill). */
  async startService(name: ServiceName): Promise<ServiceProcess> {
    const service = await this.addProcess(name);
    await service.start();
    return service;
  }

  /** A new process of a service, on the list but not started: its port and label chosen. */
  private async addProcess(name: ServiceName): Promise<ServiceProcess> {
    // Not one of the addressed services' ports: the gateway's is not bound until it starts.
    const port = this.bindsOwnPort(name)
      ? this.settings.ports[name]
      : await freePort(Object.values(this.settings.ports));
    const index = this.made.get(name) ?? 0;
    this.made.set(name, index + 1);
    const label = index === 0 ? name : `${name}-${index + 1}`;
    const service = new ServiceProcess({
      name: label,
      entry: serviceEntry(this.options.distRoot, name),
      nodeFlags: serviceNodeFlags(name),
      env: serviceEnvironment(name, this.settings, port),
      port,
      logPath: join(this.options.logDir, `${label}.log`),
    });
    this.processes.push(service);
    return service;
  }

  find(label: string): ServiceProcess {
    const found = this.processes.find((p) => p.options.name === label);
    if (!found) throw new Error(`No service process ${label}`);
    return found;
  }

  /** The newest process of a service that is still running. */
  live(name: ServiceName): ServiceProcess {
    const found = [...this.processes]
      .reverse()
      .find((p) => p.running && serviceOf(p.options.name) === name);
    if (!found) throw new Error(`No running ${name} process`);
    return found;
  }

  /** Kills the newest running process of a service: SIGKILL (the default) is a crash. */
  async killService(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.live(name).stop(signal);
  }

  /**
   * Kills the newest running process of a service and starts a fresh one in its place
   * (gateway, auth and orchestrator come back on their fixed ports, or behind their balancer).
   */
  async restartService(
    name: ServiceName,
    signal: NodeJS.Signals = 'SIGKILL',
  ): Promise<ServiceProcess> {
    await this.killService(name, signal);
    return this.startService(name);
  }

  /** Everything the services logged, for tests that check no secret leaked. */
  async logs(): Promise<string> {
    const texts = await Promise.all(
      this.processes.map((p) => readFile(p.options.logPath, 'utf8').catch(() => '')),
    );
    return texts.join('\n');
  }

  async stop(): Promise<void> {
    for (const service of [...this.processes].reverse()) await service.stop('SIGTERM');
    await Promise.all([...this.balancers.values()].map((balancer) => balancer.stop()));
  }
}

/** `copier-2` is a process of `copier`. */
function serviceOf(label: string): string {
  return label.replace(/-\d+$/, '');
}
