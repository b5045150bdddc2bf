// The seam between EXRP and its shared job queue: BullMQ on Redis in deployments (bull-jobs.ts), an
// in-process twin for the embedded demo and tests (memory-jobs.ts). Both keep one job per segment, retry
// with exponential backoff, and keep failed jobs as the dead-letter list.
import type { Logger } from '../../core/logger.ts';
import type { RedisSettings } from '../../core/config/service-config.ts';
import type { JobProgress } from './inject.ts';
import type { InteractionEnd } from './interaction-end.ts';
import type { QueueCounts } from './metrics.ts';
import type { DeadLetterEntry } from './routes.ts';
import type { ExrpTuning } from './tuning.ts';

/** One attempt at a job, as the worker sees it. */
export interface RecordingJob {
  id: string;
  data: unknown;
  progress: JobProgress;
  /** Attempts made before this one. */
  attemptsMade: number;
  attempts: number;
  /** When the job was queued (ms since epoch). */
  timestamp: number;
  saveProgress(p: JobProgress): Promise<void>;
}

/** Thrown by a worker for a failure no retry will cure: the job goes to the dead-letter list at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface JobEvents {
  /** A job failed its last attempt (or permanently) and is now a dead letter. */
  deadLettered(job: { id: string; segmentId: string }, err: Error): void;
  /** A job was taken over from a worker that stopped renewing its lock. */
  stalled(jobId: string): void;
  error(err: Error): void;
}

export interface RecordingJobs {
  ready(): Promise<void>;
  /** Queues a segment; `created` is false for a segment already queued or done. */
  enqueue(end: InteractionEnd): Promise<{ jobId: string; created: boolean }>;
  counts(): Promise<QueueCounts>;
  failed(limit: number): Promise<DeadLetterEntry[]>;
  /** Starts this instance's worker. */
  run(work: (job: RecordingJob) => Promise<void>, opts: { concurrency: number }, events: JobEvents): void;
  /** Stops this instance's worker (waiting for its running jobs) and its queue connection. */
  close(): Promise<void>;
}

export interface JobsContext {
  redis: RedisSettings;
  tuning: ExrpTuning;
  logger: Logger;
}

export type RecordingJobsFactory = (ctx: JobsContext) => RecordingJobs;
