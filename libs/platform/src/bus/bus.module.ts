import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { connect, NatsConnection } from 'nats';
import { ConnectionLeases } from '../jobs/connection-leases';
import { JobCancellations } from '../jobs/job-cancellations';
import { JobWorkRunner } from '../jobs/job-work-runner';
import { BusClient } from './bus-client';

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

/** One NATS connection per process, shared by the transport, the BusClient and cancellations. */
@Global()
@Module({})
export class BusModule {
  static forRoot(options: { url: string; service: string }): DynamicModule {
    return {
      module: BusModule,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: () =>
            connect({
              servers: options.url,
              name: options.service,
              maxReconnectAttempts: RECONNECT_FOREVER,
              reconnectTimeWait: RECONNECT_WAIT_MS,
            }),
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
