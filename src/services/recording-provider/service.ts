// The recording provider's composition root: settings (Config DB standing in for Config Server, or
// given), the cloud client, the WebDAV storage, the shared queue, this instance's worker, the org cache,
// routes, health and metrics. Every instance both accepts interaction-end requests and works the queue.
import { mkdirSync } from 'node:fs';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { CloudTuning } from '../shared/cloud-setup.ts';
import { openServiceCloud } from '../shared/cloud-setup.ts';
import { addSecret } from '../../core/logger.ts';
import type { HealthCheck } from '../../core/http/health.ts';
import type { ServiceDeps, ServiceInstance } from '../runtime.ts';
import { injectRecording, StageFailure, type JobHandle, type JobProgress } from './inject.ts';
import { InteractionEndSchema, type InteractionEnd } from './interaction-end.ts';
import { createExrpMetrics, type QueueCounts } from './metrics.ts';
import { OrgCache } from './org-cache.ts';
import { bullConnection, bullPrefix, enqueue, openQueue, QUEUE_NAME } from './queue.ts';
import { exrpRoutes, type DeadLetterEntry } from './routes.ts';
import {
  overridesAlone,
  readTransactionSections,
  recordingSettingsFrom,
  type RecordingSettings,
} from './settings.ts';
import { exrpTuning, type ExrpTuning } from './tuning.ts';
import { UploadConfirmer } from './upload-check.ts';
import { openWebdavStorage } from './webdav-source.ts';

export interface RecordingProviderOptions {
  /** Given by the demo and tests; else read from the Config DB (settings.ts). */
  settings?: RecordingSettings;
  tuning?: Partial<ExrpTuning>;
  cloudTuning?: CloudTuning;
}

function progressOf(job: Job): JobProgress {
  const p = job.progress;
  return p && typeof p === 'object' ? (p as JobProgress) : {};
}

export async function createRecordingProvider(
  deps: ServiceDeps,
  opts: RecordingProviderOptions = {},
): Promise<ServiceInstance> {
  const { config, logger, registry } = deps;
  const tuning = { ...exrpTuning(config.vars), ...opts.tuning };
  mkdirSync(tuning.workDir, { recursive: true });
  const settings =
    opts.settings ??
    recordingSettingsFrom(overridesAlone(config) ? {} : await readTransactionSections(config), config);
  addSecret(logger, settings.webdav.password);
  const cloud = openServiceCloud(settings.cloud, { logger, registry }, opts.cloudTuning);
  const storage = openWebdavStorage(settings.webdav);
  const queue = openQueue(config.redis, tuning);
  queue.on('error', (err) => logger.warn({ err: err.message }, 'exrp: queue connection error'));
  const org = new OrgCache(cloud, logger, {
    keyRefreshMs: tuning.keyRefreshMs,
    staRefreshMs: tuning.staRefreshMs,
  });

  let countsCache: { at: number; value: Promise<QueueCounts | undefined> } | undefined;
  const counts = (): Promise<QueueCounts | undefined> => {
    if (!countsCache || Date.now() - countsCache.at > 1000)
      countsCache = {
        at: Date.now(),
        value: queue
          .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')
          .then((c) => c as QueueCounts)
          .catch(() => undefined),
      };
    return countsCache.value;
  };
  const metrics = createExrpMetrics(registry, counts);
  const confirmer = new UploadConfirmer(cloud, { intervalMs: tuning.confirmIntervalMs, maxRounds: 5 });
  const injectDeps = { cloud, storage, org, workDir: tuning.workDir, logger, metrics, confirmer };

  const work = async (job: Job<InteractionEnd>): Promise<void> => {
    const data = InteractionEndSchema.parse(job.data);
    const handle: JobHandle = {
      data,
      progress: progressOf(job),
      async save(p) {
        handle.progress = p;
        await job.updateProgress(p as object);
      },
    };
    const log = logger.child({ segmentId: data.segmentId, jobId: job.id, attempt: job.attemptsMade + 1 });
    metrics.inProgress.inc();
    try {
      await injectRecording(handle, injectDeps);
    } catch (err) {
      const f = err instanceof StageFailure ? err : undefined;
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      metrics.attemptsFailed.inc({ stage: f?.stage ?? 'unknown', retry: String(!f?.permanent && !last) });
      log.warn({ err: (err as Error).message }, 'exrp: recording attempt failed');
      if (f?.permanent) throw new UnrecoverableError((err as Error).message);
      throw err;
    } finally {
      metrics.inProgress.dec();
    }
    // Counted when the job completes, which happens once per recording: an earlier attempt that uploaded
    // and then failed (confirmation, WebDAV delete) or died counted nothing.
    metrics.uploaded.inc();
    metrics.endToUpload.observe((Date.now() - job.timestamp) / 1000);
    log.info({ conversationId: data.conversationId }, 'exrp: recording injected');
  };

  let worker: Worker<InteractionEnd> | undefined;
  const deadLetter = async (limit: number): Promise<DeadLetterEntry[]> =>
    (await queue.getFailed(0, limit - 1)).map((j) => ({
      jobId: String(j.id),
      segmentId: (j.data as InteractionEnd).segmentId,
      file: (j.data as InteractionEnd).file,
      conversationId: (j.data as InteractionEnd).conversationId,
      attempts: j.attemptsMade,
      failedReason: j.failedReason,
      finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
    }));

  const health: HealthCheck[] = [
    {
      name: 'queue',
      check: async () => {
        const c = await counts();
        return c
          ? { ok: true, detail: `${c.waiting} waiting, ${c.active} active, ${c.delayed} delayed` }
          : { ok: false, detail: 'the queue does not answer' };
      },
    },
    {
      name: 'dead-letter',
      critical: false,
      check: async () => {
        const c = await counts();
        if (!c) return { ok: false, detail: 'unknown' };
        return c.failed === 0
          ? { ok: true, detail: 'empty' }
          : { ok: false, detail: `${c.failed} recordings failed every attempt (GET /api/v1/dead-letter)` };
      },
    },
    {
      name: 'webdav',
      critical: false,
      check: async () => {
        try {
          await storage.ping();
          return { ok: true };
        } catch (err) {
          return { ok: false, detail: (err as Error).message };
        }
      },
    },
    {
      name: 'genesys-cloud',
      critical: false,
      check: () =>
        org.lastError
          ? { ok: false, detail: org.lastError }
          : { ok: true, detail: org.keyId ? `recording key ${org.keyId}` : 'no key read yet' },
    },
  ];

  return {
    health,
    routes: (app) =>
      exrpRoutes(app, {
        enqueue: async (end) => {
          metrics.received.inc();
          const r = await enqueue(queue, end);
          if (!r.created) metrics.duplicates.inc();
          return r;
        },
        deadLetter,
      }),
    async start() {
      await queue.waitUntilReady();
      org.start();
      // The key is wanted before the first job; a cloud not answering yet is retried by the jobs.
      await org.refreshKey().catch(() => undefined);
      worker = new Worker<InteractionEnd>(QUEUE_NAME, work, {
        connection: bullConnection(config.redis),
        prefix: bullPrefix(config.redis),
        concurrency: tuning.concurrency,
        lockDuration: tuning.lockMs,
        stalledInterval: Math.max(1000, Math.floor(tuning.lockMs / 2)),
        // A job taken over after its worker died is not held against it more than a few times.
        maxStalledCount: 5,
        autorun: false,
      });
      worker.on('failed', (job, err) => {
        if (!job) return;
        const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
        if (!final) return;
        metrics.deadLettered.inc();
        logger.error(
          { segmentId: job.data.segmentId, jobId: job.id, err: err.message },
          'exrp: recording moved to the dead-letter list',
        );
      });
      worker.on('stalled', (jobId) => {
        metrics.takenOver.inc();
        logger.warn({ jobId }, 'exrp: job taken over from an instance that stopped (stalled lock)');
      });
      worker.on('error', (err) => logger.warn({ err: err.message }, 'exrp: worker error'));
      void worker.run();
    },
    async stop() {
      org.stop();
      await worker?.close();
      await queue.close();
      await cloud.close();
    },
  };
}
