import { Injectable, InjectionToken, inject } from '@angular/core';
import { API_ROUTES } from '@btsx/contracts/core';
import { EventSourceFactory, JobEventStream } from './job-event-stream';

/** How EventSources are made; tests provide a fake one. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url) => new EventSource(url),
});

@Injectable({ providedIn: 'root' })
export class JobEvents {
  private readonly create = inject(EVENT_SOURCE_FACTORY);

  /** A stream for one job; the caller opens it and closes it when done. */
  stream(jobId: string): JobEventStream {
    return new JobEventStream(API_ROUTES.jobEvents.path(jobId), this.create);
  }
}
