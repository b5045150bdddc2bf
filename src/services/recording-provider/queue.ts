// The shared durable queue of the N+1 EXRP instances (BullMQ on the deployment's Redis). One job per
// recorded segment, its id derived from the segment id, so a re-sent interaction-end queues nothing new.
// Failed jobs are kept: BullMQ's failed set is the dead-letter list (docs/recording-provider.md).
import { createHash } from 'node:crypto';
import { Queue, type ConnectionOptions } from 'bullmq';
import type { RedisSettings } from '../../core/config/service-config.ts';
import type { InteractionEnd } from './interaction-end.ts';

export const QUEUE_NAME = 'exrp-recordings';
export const JOB_NAME = 'interaction-end';

export interface QueueTuning {
  attempts: number;
  backoffMs: number;
  /** How long a completed job is remembered (a re-send within it is recognised). */
  keepCompletedSeconds: number;
}

/** BullMQ's own connection options (it opens several connections; never a shared client). */
export function bullConnection(s: RedisSettings): ConnectionOptions {
  const common = {
    ...(s.password ? { password: s.password } : {}),
    ...(s.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  if (s.sentinels?.length) return { ...common, sentinels: s.sentinels, name: s.sentinelName };
  return { ...common, host: s.host, port: s.port };
}

/** The BullMQ key prefix under the deployment's (`exec:<tenant>:bull:exrp-recordings:…`). */
export function bullPrefix(s: RedisSettings): string {
  return `${s.keyPrefix}bull`;
}

/**
 * The job id of a segment: BullMQ ids may not contain ':' nor be integers, and segment ids are free
 * text up to 512 characters, so the id is a digest of it (stable across instances and restarts).
 */
export function jobIdOf(segmentId: string): string {
  return `seg-${createHash('sha256').update(segmentId).digest('hex').slice(0, 40)}`;
}

export type RecordingQueue = Queue<InteractionEnd>;

export function openQueue(redis: RedisSettings, tuning: QueueTuning): RecordingQueue {
  return new Queue<InteractionEnd>(QUEUE_NAME, {
    connection: bullConnection(redis),
    prefix: bullPrefix(redis),
    defaultJobOptions: {
      attempts: tuning.attempts,
      backoff: { type: 'exponential', delay: tuning.backoffMs },
      removeOnComplete: { age: tuning.keepCompletedSeconds },
      removeOnFail: false,
    },
  });
}

/** Queues a segment; resolves once Redis holds it. `created` is false for a segment already known. */
export async function enqueue(
  queue: RecordingQueue,
  end: InteractionEnd,
): Promise<{ jobId: string; created: boolean }> {
  const jobId = jobIdOf(end.segmentId);
  const before = await queue.getJob(jobId);
  if (before) return { jobId, created: false };
  // Two instances may race past getJob: BullMQ keeps the first job (adding an existing id is a no-op).
  await queue.add(JOB_NAME, end, { jobId });
  return { jobId, created: true };
}
