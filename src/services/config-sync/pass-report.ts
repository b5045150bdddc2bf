// What a pass tells the outside while it runs and after it: progress and object counts in `/status` and
// in the metrics, and the objects failing their retries. Kept out of the engine, which decides passes.
import type { Logger } from '../../core/logger.ts';
import type { PlanOp } from './planner/types.ts';
import type { RetryBook } from './applier/retries.ts';
import type { SyncMetrics } from './metrics.ts';
import { failingStatus, mappedCounts, type SyncStatusData } from './status.ts';
import type { MappingStore } from './store/mappingStore.ts';
import { heldMessage, type HeldPlan } from './planner/guard.ts';

/** The applier's progress hook for one pass: status, metrics, and a log line every 100 operations. */
export function progressReporter(
  status: SyncStatusData,
  metrics: SyncMetrics,
  logger: Logger,
  kind: string,
): (done: number, total: number, op: PlanOp) => void {
  return (done, total, op) => {
    status.progress = { done, total };
    metrics.progress.set(done / total);
    metrics.ops.inc({ op: op.op, result: 'done' });
    if (done % 100 === 0 || done === total)
      logger.info({ done, total }, `excs: ${kind} pass progress ${done}/${total}`);
  };
}

/** Mapped objects, skipped ones and the objects failing their retries, in `/status` and the metrics. */
export function publishCounts(
  status: SyncStatusData,
  metrics: SyncMetrics,
  mapping: MappingStore,
  retries: RetryBook,
): void {
  status.counts = mappedCounts(mapping);
  for (const [type, n] of Object.entries(status.counts)) metrics.objects.set({ type }, n);
  metrics.skipped.set(status.skipped.length);
  const failing = retries.list();
  status.failing = failing.map(failingStatus);
  metrics.failing.reset();
  for (const f of failing) metrics.failing.set({ type: f.type, name: f.name }, f.attempts);
}

/** A plan held by the mass-deactivation guard, in `/status`, the metrics and (once per plan) the log. */
export function reportHeld(
  status: SyncStatusData,
  metrics: SyncMetrics,
  logger: Logger,
  h: HeldPlan,
  kind: string,
  alreadyReported: boolean,
): void {
  const message = heldMessage(h);
  if (!alreadyReported) {
    logger.error({ ...h }, `excs: ${message}`);
    status.held = { ...h, since: new Date().toISOString(), message };
  }
  status.lastError = message;
  status.syncStatus = { timeStamp: new Date().toISOString(), status: 'Failed' };
  metrics.held.set(1);
  metrics.heldDeactivations.set(h.deactivations);
  metrics.passes.inc({ kind, result: 'held' });
}

/** The hold is over (confirmed, or a pass that no longer needs it): clear what reportHeld set. */
export function reportReleased(
  status: SyncStatusData,
  metrics: SyncMetrics,
  held: HeldPlan | undefined,
): void {
  if (held && status.lastError === heldMessage(held)) status.lastError = null;
  status.held = null;
  metrics.held.set(0);
  metrics.heldDeactivations.set(0);
}
