// EXCS metrics (exec_excs_*): passes, operations, progress of the sync in flight, mapped objects.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface SyncMetrics {
  passes: Counter<'kind' | 'result'>;
  ops: Counter<'op' | 'result'>;
  progress: Gauge;
  objects: Gauge<'type'>;
  skipped: Gauge;
  passSeconds: Histogram<'kind'>;
  failing: Gauge<'type' | 'name'>;
  held: Gauge;
  heldDeactivations: Gauge;
  planRequests: Counter<'full' | 'source'>;
}

export function createSyncMetrics(registry: Registry): SyncMetrics {
  return {
    passes: new Counter({
      name: 'exec_excs_sync_passes_total',
      help: 'Sync passes by kind (full, incremental) and result',
      labelNames: ['kind', 'result'],
      registers: [registry],
    }),
    ops: new Counter({
      name: 'exec_excs_plan_operations_total',
      help: 'Plan operations applied, by operation and result',
      labelNames: ['op', 'result'],
      registers: [registry],
    }),
    progress: new Gauge({
      name: 'exec_excs_sync_progress_ratio',
      help: 'Share of the operations of the pass in flight that are done (1 when idle)',
      registers: [registry],
    }),
    objects: new Gauge({
      name: 'exec_excs_mapped_objects',
      help: 'Objects in the mapping store, by type',
      labelNames: ['type'],
      registers: [registry],
    }),
    skipped: new Gauge({
      name: 'exec_excs_skipped_objects',
      help: 'Engage objects the rules left out in the last pass (no e-mail, dangling links, …)',
      registers: [registry],
    }),
    passSeconds: new Histogram({
      name: 'exec_excs_sync_pass_seconds',
      help: 'Duration of sync passes',
      labelNames: ['kind'],
      buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 180, 300, 900],
      registers: [registry],
    }),
    failing: new Gauge({
      name: 'exec_excs_failing_objects',
      help: 'Objects whose operations the cloud refused, retried with backoff: failed attempts, by type and name',
      labelNames: ['type', 'name'],
      registers: [registry],
    }),
    held: new Gauge({
      name: 'exec_excs_sync_held',
      help: '1 while a plan is held by the mass-deactivation guard, waiting for an operator confirmation',
      registers: [registry],
    }),
    heldDeactivations: new Gauge({
      name: 'exec_excs_held_deactivations',
      help: 'Deactivations in the plan held by the mass-deactivation guard (0 when none is held)',
      registers: [registry],
    }),
    planRequests: new Counter({
      name: 'exec_excs_plan_requests_total',
      help: 'Plans asked for over HTTP, by full (org listed) and source (computed, coalesced, cached)',
      labelNames: ['full', 'source'],
      registers: [registry],
    }),
  };
}
