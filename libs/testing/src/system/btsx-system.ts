import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../free-port';
import {
  SERVICE_NAMES,
  ServiceName,
  serviceEntry,
  serviceEnvironment,
  SystemSettings,
} from './service-catalog';
import { ServiceProcess } from './service-process';

export interface SystemOptions extends Omit<SystemSettings, 'ports'> {
  /** Root of the `nx build` output (dist). */
  distRoot: string;
  /** Where each service's log file goes. */
  logDir: string;
  copiers?: number;
  ports?: Partial<SystemSettings['ports']>;
}

/** Every BTSX service as its own process, as `npm start` runs them. */
export class BtsxSystem {
  readonly processes: ServiceProcess[] = [];

  private constructor(
    private readonly options: SystemOptions,
    private readonly settings: SystemSettings,
  ) {}

  static async start(options: SystemOptions): Promise<BtsxSystem> {
    const ports = {
      gateway: options.ports?.gateway ?? (await freePort()),
      auth: options.ports?.auth ?? (await freePort()),
      orchestrator: options.ports?.orchestrator ?? (await freePort()),
    };
    const system = new BtsxSystem(options, { ...options, ports });
    try {
      for (const name of SERVICE_NAMES) {
        const count = name === 'copier' ? (options.copiers ?? 1) : 1;
        for (let i = 0; i < count; i++) await system.startService(name);
      }
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  get url(): string {
    return `http://127.0.0.1:${this.settings.ports.gateway}`;
  }

  /** Starts one more process of a service (another copier, or a restart after a kill). */
  async startService(name: ServiceName): Promise<ServiceProcess> {
    const fixed = this.settings.ports[name as keyof SystemSettings['ports']];
    const port = fixed ?? (await freePort());
    const index = this.processes.filter((p) => p.options.name.startsWith(name)).length;
    const label = index === 0 ? name : `${name}-${index + 1}`;
    const service = new ServiceProcess({
      name: label,
      entry: serviceEntry(this.options.distRoot, name),
      env: serviceEnvironment(name, this.settings, port),
      port,
      logPath: join(this.options.logDir, `${label}.log`),
    });
    this.processes.push(service);
    await service.start();
    return service;
  }

  find(label: string): ServiceProcess {
    const found = this.processes.find((p) => p.options.name === label);
    if (!found) throw new Error(`No service process ${label}`);
    return found;
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
  }
}
