// EXRP's job queue on BullMQ (the deployment's Redis): durable, shared by the N+1 instances, a job whose
// worker died is taken over once its lock lapses (stalled). Behaviour is docs/recording-provider.md's.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { JobProgress } from './inject.ts';
import type { InteractionEnd } from './interaction-end.ts';
import type { QueueCounts } from './metrics.ts';
import { bullConnection, bullPrefix, enqueue, openQueue, QUEUE_NAME } from './queue.ts';
import { PermanentJobError, type RecordingJobs, type RecordingJobsFactory } from './jobs.ts';

function progressOf(job: Job): JobProgress {
  const p = job.progress;
  return p && typeof p === 'object' ? (p as JobProgress) : {};
}

export const bullJobs: RecordingJobsFactory = ({ redis, tuning, logger }): RecordingJobs => {
  const queue = openQueue(redis, tuning);
  queue.on('error', (err) => logger.warn({ err: err.message }, 'exrp: queue connection error'));
  let worker: Worker<InteractionEnd> | undefined;
  return {
    ready: () => queue.waitUntilReady().then(() => undefined),
    enqueue: (end) => enqueue(queue, end),
    counts: async () =>
      (await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')) as QueueCounts,
    failed: async (limit) =>
      (await queue.getFailed(0, limit - 1)).map((j) => ({
        jobId: String(j.id),
        segmentId: (j.data as InteractionEnd).segmentId,
        file: (j.data as InteractionEnd).file,
        conversationId: (j.data as InteractionEnd).conversationId,
        attempts: j.attemptsMade,
        failedReason: j.failedReason,
        finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      })),
    run(work, opts, events) {
      const processor = async (job: Job<InteractionEnd>): Promise<void> => {
        try {
          await work({
            id: String(job.id),
            data: job.data,
            progress: progressOf(job),
            attemptsMade: job.attemptsMade,
            attempts: job.opts.attempts ?? 1,
            timestamp: job.timestamp,
            saveProgress: (p) => job.updateProgress(p as object),
          });
        } catch (err) {
          if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
          throw err;
        }
      };
      worker = new Worker<InteractionEnd>(QUEUE_NAME, processor, {
        connection: bullConnection(redis),
        prefix: bullPrefix(redis),
        concurrency: opts.concurrency,
        lockDuration: tuning.lockMs,
        stalledInterval: Math.max(1000, Math.floor(tuning.lockMs / 2)),
        // A job taken over after its worker died is not held against it more than a few times.
        maxStalledCount: 5,
        autorun: false,
      });
      worker.on('failed', (job, err) => {
        if (!job) return;
        const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
        if (final) events.deadLettered({ id: String(job.id), segmentId: job.data.segmentId }, err);
      });
      worker.on('stalled', (jobId) => events.stalled(jobId));
      worker.on('error', (err) => events.error(err));
      void worker.run();
    },
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
};
