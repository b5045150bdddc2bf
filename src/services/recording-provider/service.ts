// The recording provider's composition root: settings (Config DB standing in for Config Server, or
// given), the cloud client, the WebDAV storage, the shared queue, this instance's worker, the org cache,
// routes, health and metrics. Every instance both accepts interaction-end requests and works the queue.
import { mkdirSync } from 'node:fs';
import type { CloudTuning } from '../shared/cloud-setup.ts';
import { openServiceCloud } from '../shared/cloud-setup.ts';
import { addSecret } from '../../core/logger.ts';
import type { HealthCheck } from '../../core/http/health.ts';
import type { ServiceDeps, ServiceInstance } from '../runtime.ts';
import { bullJobs } from './bull-jobs.ts';
import { injectRecording, StageFailure, type JobHandle } from './inject.ts';
import { InteractionEndSchema } from './interaction-end.ts';
import { createExrpMetrics, type QueueCounts } from './metrics.ts';
import { OrgCache } from './org-cache.ts';
import { PermanentJobError, type RecordingJob, type RecordingJobsFactory } from './jobs.ts';
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
  /** The shared job queue: BullMQ on the deployment's Redis by default; memoryJobs() in the embedded demo. */
  jobs?: RecordingJobsFactory;
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
  const queue = (opts.jobs ?? bullJobs)({ redis: config.redis, tuning, logger });
  const org = new OrgCache(cloud, logger, {
    keyRefreshMs: tuning.keyRefreshMs,
    staRefreshMs: tuning.staRefreshMs,
  });

  let countsCache: { at: number; value: Promise<QueueCounts | undefined> } | undefined;
  const counts = (): Promise<QueueCounts | undefined> => {
    if (!countsCache || Date.now() - countsCache.at > 1000)
      countsCache = {
        at: Date.now(),
        value: queue.counts().catch(() => undefined),
      };
    return countsCache.value;
  };
  const metrics = createExrpMetrics(registry, counts);
  const confirmer = new UploadConfirmer(cloud, { intervalMs: tuning.confirmIntervalMs, maxRounds: 5 });
  const injectDeps = { cloud, storage, org, workDir: tuning.workDir, logger, metrics, confirmer };

  const work = async (job: RecordingJob): Promise<void> => {
    const data = InteractionEndSchema.parse(job.data);
    const handle: JobHandle = {
      data,
      progress: job.progress,
      async save(p) {
        handle.progress = p;
        await job.saveProgress(p);
      },
    };
    const log = logger.child({ segmentId: data.segmentId, jobId: job.id, attempt: job.attemptsMade + 1 });
    metrics.inProgress.inc();
    try {
      await injectRecording(handle, injectDeps);
    } catch (err) {
      const f = err instanceof StageFailure ? err : undefined;
      const last = job.attemptsMade + 1 >= job.attempts;
      metrics.attemptsFailed.inc({ stage: f?.stage ?? 'unknown', retry: String(!f?.permanent && !last) });
      log.warn({ err: (err as Error).message }, 'exrp: recording attempt failed');
      if (f?.permanent) throw new PermanentJobError((err as Error).message);
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

  const deadLetter = (limit: number): Promise<DeadLetterEntry[]> => queue.failed(limit);

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
          const r = await queue.enqueue(end);
          if (!r.created) metrics.duplicates.inc();
          return r;
        },
        deadLetter,
      }),
    async start() {
      await queue.ready();
      org.start();
      // The key is wanted before the first job; a cloud not answering yet is retried by the jobs.
      await org.refreshKey().catch(() => undefined);
      queue.run(
        work,
        { concurrency: tuning.concurrency },
        {
          deadLettered(job, err) {
            metrics.deadLettered.inc();
            logger.error(
              { segmentId: job.segmentId, jobId: job.id, err: err.message },
              'exrp: recording moved to the dead-letter list',
            );
          },
          stalled(jobId) {
            metrics.takenOver.inc();
            logger.warn({ jobId }, 'exrp: job taken over from an instance that stopped (stalled lock)');
          },
          error: (err) => logger.warn({ err: err.message }, 'exrp: worker error'),
        },
      );
    },
    async stop() {
      org.stop();
      await queue.close();
      await cloud.close();
    },
  };
}
