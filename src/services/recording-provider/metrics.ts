// EXRP metrics (exec_exrp_*). The cloud client adds its own (exec_cloud_*). Queue depths and the
// dead-letter count are read from the shared queue at scrape time, so every instance shows the same.
import { Counter, Gauge, Histogram, type Registry } from '../../core/metrics.ts';

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed', number>;

export function createExrpMetrics(registry: Registry, counts: () => Promise<QueueCounts | undefined>) {
  const r = [registry];
  const queueJobs = new Gauge({
    name: 'exec_exrp_queue_jobs',
    help: 'Jobs in the shared recording queue, by state (waiting, active, delayed, completed)',
    labelNames: ['state'],
    registers: r,
    async collect() {
      const c = await counts();
      if (!c) return;
      for (const state of ['waiting', 'active', 'delayed', 'completed'] as const)
        this.set({ state }, c[state]);
    },
  });
  const deadLetter = new Gauge({
    name: 'exec_exrp_dead_letter_jobs',
    help: 'Recordings that failed every attempt and wait for an operator (the failed set of the queue)',
    registers: r,
    async collect() {
      const c = await counts();
      if (c) this.set(c.failed);
    },
  });
  return {
    queueJobs,
    deadLetter,
    received: new Counter({
      name: 'exec_exrp_interactions_received_total',
      help: 'Interaction-end requests accepted by this instance (a re-sent one counts, but queues nothing)',
      registers: r,
    }),
    duplicates: new Counter({
      name: 'exec_exrp_interactions_duplicate_total',
      help: 'Interaction-end requests for a segment already queued or done',
      registers: r,
    }),
    inProgress: new Gauge({
      name: 'exec_exrp_jobs_in_progress',
      help: 'Recordings this instance is working on now',
      registers: r,
    }),
    takenOver: new Counter({
      name: 'exec_exrp_jobs_taken_over_total',
      help: 'Jobs this instance found stalled (their instance stopped renewing the lock) and put back in the queue',
      registers: r,
    }),
    uploaded: new Counter({
      name: 'exec_exrp_recordings_uploaded_total',
      help: 'Recordings uploaded (and confirmed) by this instance',
      registers: r,
    }),
    attemptsFailed: new Counter({
      name: 'exec_exrp_attempts_failed_total',
      help: 'Failed attempts, by stage (webdav, key, archive, upload-url, upload, confirm, delete) and whether they are retried',
      labelNames: ['stage', 'retry'],
      registers: r,
    }),
    deadLettered: new Counter({
      name: 'exec_exrp_dead_lettered_total',
      help: 'Jobs this instance moved to the dead-letter list (attempts exhausted or a permanent failure)',
      registers: r,
    }),
    endToUpload: new Histogram({
      name: 'exec_exrp_end_to_upload_seconds',
      help: 'From the interaction-end request to the recording uploaded and confirmed',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
      registers: r,
    }),
    stageSeconds: new Histogram({
      name: 'exec_exrp_stage_seconds',
      help: 'Time spent per stage of an attempt: archive (WebDAV read, encryption and zip), upload-url, upload, confirm, delete',
      labelNames: ['stage'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: r,
    }),
    archiveBytes: new Histogram({
      name: 'exec_exrp_archive_bytes',
      help: 'Size of the uploaded archives',
      buckets: [10e3, 100e3, 1e6, 10e6, 50e6, 100e6, 200e6, 500e6],
      registers: r,
    }),
  };
}

export type ExrpMetrics = ReturnType<typeof createExrpMetrics>;
