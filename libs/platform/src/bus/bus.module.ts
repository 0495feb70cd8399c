import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { inboxPrefix } from '@btsx/contracts';
import { connect, ConnectionOptions, NatsConnection } from 'nats';
import { BusServiceConfig, natsUrls } from '../config/common-config';
import { ConnectionLeases } from '../jobs/connection-leases';
import { JobCancellations } from '../jobs/job-cancellations';
import { JobWorkRunner } from '../jobs/job-work-runner';
import { BusClient } from './bus-client';
import { keepReplicas } from './jetstream-replicas';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** Keep retrying forever: a NATS restart must not kill a service. */
const RECONNECT_FOREVER = -1;
const RECONNECT_WAIT_MS = 500;

@Injectable()
class NatsShutdown implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

/** What a connection to the bus is made of, as each service's config says it. */
export type BusConnectionSettings = Pick<
  BusServiceConfig,
  'NATS_URL' | 'NATS_PASSWORD' | 'NATS_TLS_CA'
> &
  Partial<Pick<BusServiceConfig, 'NATS_REPLICAS'>>;

/**
 * A service signs in as the NATS user of its own name (BUS_PERMISSIONS says what it may do)
 * when it has a password, and takes its replies in inboxes only that user may read.
 */
export function natsConnectOptions(
  service: string,
  settings: BusConnectionSettings,
): ConnectionOptions {
  return {
    servers: natsUrls(settings.NATS_URL),
    name: service,
    inboxPrefix: inboxPrefix(service),
    ...(settings.NATS_PASSWORD && { user: service, pass: settings.NATS_PASSWORD }),
    ...(settings.NATS_TLS_CA && { tls: { caFile: settings.NATS_TLS_CA } }),
  };
}

/** One NATS connection per process, shared by the transport, the BusClient and cancellations. */
@Global()
@Module({})
export class BusModule {
  static forRoot(options: { service: string; settings: BusConnectionSettings }): DynamicModule {
    return {
      module: BusModule,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: async () => {
            const nc = await connect({
              ...natsConnectOptions(options.service, options.settings),
              maxReconnectAttempts: RECONNECT_FOREVER,
              reconnectTimeWait: RECONNECT_WAIT_MS,
            });
            keepReplicas(nc, options.settings.NATS_REPLICAS ?? 1);
            return nc;
          },
        },
        {
          provide: BusClient,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => new BusClient(nc),
        },
        {
          provide: JobCancellations,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => new JobCancellations(nc),
        },
        {
          provide: JobWorkRunner,
          inject: [JobCancellations],
          useFactory: (cancellations: JobCancellations) => new JobWorkRunner(cancellations),
        },
        {
          provide: ConnectionLeases,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => new ConnectionLeases(nc),
        },
        NatsShutdown,
      ],
      exports: [NATS_CONNECTION, BusClient, JobCancellations, JobWorkRunner, ConnectionLeases],
    };
  }
}
