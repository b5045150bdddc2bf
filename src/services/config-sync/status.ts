// /status in the seed's shape: data.syncStatus {timeStamp, status}, plus counts, skipped objects, objects
// whose operations the cloud refuses (retried with backoff), a plan held by the mass-deactivation guard,
// last error.
import type { Skipped } from './desired.ts';
import type { FailingObject } from './applier/retries.ts';
import type { HeldPlan } from './planner/guard.ts';
import type { MappingStore } from './store/mappingStore.ts';

export type SyncState = 'InProgress' | 'Success' | 'Failed';

/** An object whose operations failed, as /status shows it (times in ISO 8601). */
export interface FailingStatus {
  type: string;
  name: string;
  error: string;
  attempts: number;
  firstFailedAt: string;
  nextRetryAt: string;
}

export interface SyncStatusData {
  syncStatus: { timeStamp: string; status: SyncState };
  initialSyncDone: boolean;
  progress: { done: number; total: number };
  counts: Record<'users' | 'skills' | 'queues' | 'wrapupcodes' | 'extensions' | 'source', number>;
  skipped: Skipped[];
  failing: FailingStatus[];
  held: (HeldPlan & { since: string; message: string }) | null;
  lastPass: {
    kind: 'full' | 'incremental';
    operations: number;
    failed: number;
    heldBack: number;
    durationMs: number;
  } | null;
  lastError: string | null;
}

/** The envelope message of seed 003's example for a success; plain words otherwise. */
export function statusMessage(s: SyncStatusData, orgId: string | undefined): string {
  if (s.held) return s.held.message;
  switch (s.syncStatus.status) {
    case 'Success':
      return `Latest database updates for orgId:${orgId ?? 'unknown'} have been successfully processed on ${s.syncStatus.timeStamp}`;
    case 'InProgress':
      return `Synchronization in progress (${s.progress.done}/${s.progress.total} operations)`;
    case 'Failed':
      return `Latest synchronization failed: ${s.lastError ?? 'unknown error'}`;
  }
}

export function mappedCounts(m: MappingStore): SyncStatusData['counts'] {
  return {
    users: m.users.size,
    skills: m.skills.size,
    queues: m.queues.size,
    wrapupcodes: m.wrapupCodes.size,
    extensions: m.extensions.size,
    source: m.source ? 1 : 0,
  };
}

export function failingStatus(f: FailingObject): FailingStatus {
  return {
    type: f.type,
    name: f.name,
    error: f.error,
    attempts: f.attempts,
    firstFailedAt: new Date(f.firstFailedAt).toISOString(),
    nextRetryAt: new Date(f.nextRetryAt).toISOString(),
  };
}
