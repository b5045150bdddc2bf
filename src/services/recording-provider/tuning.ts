// EXRP's knobs (additions to the seed's variables, docs/configuration.md): how many recordings an
// instance works on at once, retries, how fast a dead instance's job is taken over, refresh periods.
import { tmpdir } from 'node:os';

export interface ExrpTuning {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  /** BullMQ lock: a job whose worker stops renewing it for this long is taken by another instance. */
  lockMs: number;
  keyRefreshMs: number;
  staRefreshMs: number;
  workDir: string;
  keepCompletedSeconds: number;
  /** At most one upload report per this period per instance confirms every upload waiting for it. */
  confirmIntervalMs: number;
}

const num = (v: unknown, dflt: number): number => (v === undefined ? dflt : Number(v));

export function exrpTuning(vars: Record<string, unknown>): ExrpTuning {
  return {
    concurrency: num(vars.EXRP_CONCURRENCY, 16),
    attempts: num(vars.EXRP_JOB_ATTEMPTS, 12),
    backoffMs: num(vars.EXRP_RETRY_BACKOFF_MS, 5000),
    lockMs: num(vars.EXRP_JOB_LOCK_MS, 30_000),
    keyRefreshMs: num(vars.EXRP_KEY_REFRESH_SECONDS, 3600) * 1000,
    staRefreshMs: num(vars.EXRP_STA_REFRESH_SECONDS, 900) * 1000,
    workDir: typeof vars.EXRP_WORK_DIR === 'string' ? vars.EXRP_WORK_DIR : tmpdir(),
    keepCompletedSeconds: num(vars.EXRP_KEEP_COMPLETED_SECONDS, 86_400),
    confirmIntervalMs: num(vars.EXRP_CONFIRM_INTERVAL_MS, 2000),
  };
}
