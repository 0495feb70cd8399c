import { Gauge, Registry } from 'prom-client';

export interface ConsumerBacklog {
  consumer: string;
  /** Messages in the stream the consumer has not been handed yet. */
  pending: number;
  /** Handed out and not yet acknowledged: work in progress, or lost with a crashed worker. */
  ackPending: number;
}

/** Anything that can say how far behind its JetStream consumers are (the transport). */
export interface BacklogSource {
  backlog(): Promise<ConsumerBacklog[]>;
}

/**
 * Consumer lag as gauges, read from JetStream at scrape time. The same numbers KEDA scales
 * copier and discovery on; here for dashboards and alerts.
 */
export function registerConsumerBacklog(registry: Registry, source: BacklogSource): void {
  const gauge = (name: string, help: string, read: (b: ConsumerBacklog) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['consumer'],
      registers: [registry],
      async collect() {
        // NATS unreachable: no sample rather than a failed scrape; readiness reports the outage.
        const backlog = await source.backlog().catch(() => []);
        this.reset();
        for (const entry of backlog) this.set({ consumer: entry.consumer }, read(entry));
      },
    });
  gauge(
    'btsx_consumer_pending_messages',
    'Messages waiting in the stream for this durable consumer (not yet delivered)',
    (b) => b.pending,
  );
  gauge(
    'btsx_consumer_ack_pending_messages',
    'Messages delivered to this durable consumer and not yet acknowledged',
    (b) => b.ackPending,
  );
}
