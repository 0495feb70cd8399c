import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Prometheus registry per process, injectable as `Registry`: Node's process metrics
 * (CPU, memory, event loop lag, GC) plus whatever the service registers, each series
 * labelled with the service name.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
