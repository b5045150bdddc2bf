// EXAS metrics (exec_exas_*): state changes in, events out by presence and routing status, coalesced,
// latency, errors, the link and the scope.
import { Counter, Gauge, Histogram, type Registry } from '../../core/metrics.ts';

export function createExasMetrics(
  registry: Registry,
  pendingOf: (type: 'presence' | 'routingstatus') => number,
) {
  const r = [registry];
  return {
    stateChanges: new Counter({
      name: 'exec_exas_state_changes_total',
      help: 'Agent state changes received from Stat Server (after the reducer)',
      labelNames: ['presence', 'routing_status'],
      registers: r,
    }),
    statUpdates: new Counter({
      name: 'exec_exas_stat_updates_total',
      help: 'EventInfo messages received',
      labelNames: ['category'],
      registers: r,
    }),
    events: new Counter({
      name: 'exec_exas_events_total',
      help: 'Events sent to Genesys Cloud by type, value and result',
      labelNames: ['type', 'value', 'result'],
      registers: r,
    }),
    coalesced: new Counter({
      name: 'exec_exas_coalesced_total',
      help: 'Unsent states replaced by a newer one',
      labelNames: ['type'],
      registers: r,
    }),
    retried: new Counter({
      name: 'exec_exas_retried_total',
      help: 'Events re-queued after a retryable failure',
      labelNames: ['type'],
      registers: r,
    }),
    latency: new Histogram({
      name: 'exec_exas_latency_seconds',
      help: 'From receiving a Stat Server event to Genesys Cloud accepting the state',
      labelNames: ['type'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: r,
    }),
    errors: new Counter({
      name: 'exec_exas_errors_total',
      help: 'Errors by kind',
      labelNames: ['kind'],
      registers: r,
    }),
    agents: new Gauge({
      name: 'exec_exas_agents_in_scope',
      help: 'Agents in scope (from EXCS)',
      registers: r,
    }),
    linkUp: new Gauge({
      name: 'exec_exas_link_up',
      help: '1 when the link to this Stat Server is active',
      labelNames: ['endpoint'],
      registers: r,
    }),
    switchovers: new Counter({
      name: 'exec_exas_link_switches_total',
      help: 'Times the link became active on a server',
      labelNames: ['endpoint'],
      registers: r,
    }),
    pending: new Gauge({
      name: 'exec_exas_pending_events',
      help: 'States waiting to be sent',
      labelNames: ['type'],
      registers: r,
      collect() {
        for (const type of ['presence', 'routingstatus'] as const) this.set({ type }, pendingOf(type));
      },
    }),
  };
}
export type ExasMetrics = ReturnType<typeof createExasMetrics>;
