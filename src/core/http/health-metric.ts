// /health as a metric: Prometheus alerts on a dependency going down without scraping /health itself.
import { Gauge, type Registry } from 'prom-client';
import { runHealthChecks, type HealthCheck } from './health.ts';

/** `exec_dependency_up{dependency,critical}`: 1 when the dependency's health check passes, at each scrape. */
export function registerDependencyGauge(registry: Registry, checks: readonly HealthCheck[]): Gauge {
  return new Gauge({
    name: 'exec_dependency_up',
    help: '1 when the dependency passes its /health check, 0 when not (checked at each scrape)',
    labelNames: ['dependency', 'critical'],
    registers: [registry],
    async collect() {
      const report = await runHealthChecks(checks);
      this.reset();
      for (const [dependency, d] of Object.entries(report.dependencies))
        this.set({ dependency, critical: String(d.critical) }, d.status === 'UP' ? 1 : 0);
    },
  });
}
