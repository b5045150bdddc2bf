// The client's Prometheus metrics. Several clients may share one registry (the demo runs every service in
// one process), so an existing metric of the same name is reused rather than registered twice.
import { Counter, Histogram, type Registry } from 'prom-client';

export interface CloudMetrics {
  requests: Counter<'area' | 'method' | 'status'>;
  retries: Counter<'area' | 'reason'>;
  rateLimited: Counter<'area'>;
  limiterWait: Histogram<'area'>;
  duration: Histogram<'area' | 'method'>;
  tokenRenewals: Counter<'result'>;
}

function reuse<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function createCloudMetrics(registry: Registry): CloudMetrics {
  const registers = [registry];
  return {
    requests: reuse(
      registry,
      'exec_cloud_requests_total',
      () =>
        new Counter({
          name: 'exec_cloud_requests_total',
          help: 'Genesys Cloud API requests by area, method and HTTP status (0 = no response)',
          labelNames: ['area', 'method', 'status'] as const,
          registers,
        }),
    ),
    retries: reuse(
      registry,
      'exec_cloud_retries_total',
      () =>
        new Counter({
          name: 'exec_cloud_retries_total',
          help: 'Genesys Cloud API retries by area and reason (429, 5xx, network, 401)',
          labelNames: ['area', 'reason'] as const,
          registers,
        }),
    ),
    rateLimited: reuse(
      registry,
      'exec_cloud_rate_limited_total',
      () =>
        new Counter({
          name: 'exec_cloud_rate_limited_total',
          help: 'Genesys Cloud 429 responses by area',
          labelNames: ['area'] as const,
          registers,
        }),
    ),
    limiterWait: reuse(
      registry,
      'exec_cloud_limiter_wait_seconds',
      () =>
        new Histogram({
          name: 'exec_cloud_limiter_wait_seconds',
          help: 'Time a request waited for the per-token rate limiter',
          labelNames: ['area'] as const,
          buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
          registers,
        }),
    ),
    duration: reuse(
      registry,
      'exec_cloud_request_duration_seconds',
      () =>
        new Histogram({
          name: 'exec_cloud_request_duration_seconds',
          help: 'Genesys Cloud API request duration (one attempt, limiter wait excluded)',
          labelNames: ['area', 'method'] as const,
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    ),
    tokenRenewals: reuse(
      registry,
      'exec_cloud_token_renewals_total',
      () =>
        new Counter({
          name: 'exec_cloud_token_renewals_total',
          help: 'OAuth client-credentials token requests by result (ok, error)',
          labelNames: ['result'] as const,
          registers,
        }),
    ),
  };
}
