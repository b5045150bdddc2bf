// Metrics: one prom-client registry per service, with Node's process metrics, every name `exec_*`.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

export function createMetricsRegistry(service: string, opts: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'exec_' });
  return registry;
}

/**
 * A counter bumped per event (thousands a second): its labelled children are looked up once per label
 * set and kept, since prom-client hashes the labels on every `inc(labels)`.
 */
export function perEventCounter<T extends string>(
  counter: Counter<T>,
): {
  inc(labels: Partial<Record<T, string>>, by?: number): void;
} {
  const children = new Map<string, { inc(by?: number): void }>();
  return {
    inc(labels, by) {
      let key = '';
      for (const k in labels) key += `${labels[k]}\u0000`;
      let c = children.get(key);
      if (!c) children.set(key, (c = counter.labels(labels)));
      c.inc(by);
    },
  };
}
