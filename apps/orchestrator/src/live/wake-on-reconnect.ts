import { NATS_CONNECTION } from '@btsx/platform';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Events, NatsConnection } from 'nats';
import { JobWatchers } from './job-watchers';

/**
 * job.updated and task.progress travel on core NATS: what was sent while this replica was
 * cut off from NATS never arrives. Streams are woken only by those (no timer reads the
 * database), so after a reconnect every open stream reads its job once.
 */
@Injectable()
export class WakeOnReconnect implements OnApplicationBootstrap {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly watchers: JobWatchers,
  ) {}

  onApplicationBootstrap(): void {
    void this.follow();
  }

  /** Ends when the connection closes. */
  private async follow(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Reconnect) this.watchers.wakeAll();
    }
  }
}
