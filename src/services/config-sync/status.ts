// /status in the seed's shape: data.syncStatus {timeStamp, status}, plus counts, skipped objects, last error.
import type { Skipped } from './desired.ts';

export type SyncState = 'InProgress' | 'Success' | 'Failed';

export interface SyncStatusData {
  syncStatus: { timeStamp: string; status: SyncState };
  initialSyncDone: boolean;
  progress: { done: number; total: number };
  counts: Record<'users' | 'skills' | 'queues' | 'wrapupcodes' | 'extensions' | 'source', number>;
  skipped: Skipped[];
  lastPass: { kind: 'full' | 'incremental'; operations: number; failed: number; durationMs: number } | null;
  lastError: string | null;
}

/** The envelope message of seed 003's example for a success; plain words otherwise. */
export function statusMessage(s: SyncStatusData, orgId: string | undefined): string {
  switch (s.syncStatus.status) {
    case 'Success':
      return `Latest database updates for orgId:${orgId ?? 'unknown'} have been successfully processed on ${s.syncStatus.timeStamp}`;
    case 'InProgress':
      return `Synchronization in progress (${s.progress.done}/${s.progress.total} operations)`;
    case 'Failed':
      return `Latest synchronization failed: ${s.lastError ?? 'unknown error'}`;
  }
}
