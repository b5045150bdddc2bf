// The in-memory twin of EXRP's BullMQ queue, for the embedded demo (no redis-server) and tests. One
// MemoryJobQueue is shared by the instances created with it (in one process): a job per segment (a re-send
// within keepCompleted queues nothing), attempts with exponential backoff on timers, a permanent failure
// or a last failed attempt → the failed list (dead letters), progress kept on the job, `concurrency` jobs
// at once per worker, never one job in two workers. NOT durable: jobs die with the process, and there is
// no stalled take-over (an instance that stops finishes its running jobs first).
import type { JobProgress } from './inject.ts';
import type { InteractionEnd } from './interaction-end.ts';
import type { QueueCounts } from './metrics.ts';
import { jobIdOf } from './queue.ts';
import type { DeadLetterEntry } from './routes.ts';
import {
  PermanentJobError,
  type JobEvents,
  type RecordingJob,
  type RecordingJobs,
  type RecordingJobsFactory,
} from './jobs.ts';

type State = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

interface MemoryJob {
  id: string;
  data: InteractionEnd;
  state: State;
  progress: JobProgress;
  attemptsMade: number;
  timestamp: number;
  finishedOn?: number;
  failedReason?: string;
}

export interface MemoryQueueTuning {
  attempts: number;
  backoffMs: number;
  keepCompletedSeconds: number;
}

type Work = (job: RecordingJob) => Promise<void>;

class MemoryWorker {
  private running = 0;
  private closing = false;
  private readonly idle = new Set<() => void>();
  constructor(
    private readonly queue: MemoryJobQueue,
    private readonly work: Work,
    private readonly concurrency: number,
    private readonly events: JobEvents,
  ) {}

  /** Takes waiting jobs while it has room. */
  pump(): void {
    while (!this.closing && this.running < this.concurrency) {
      const job = this.queue.take();
      if (!job) return;
      this.running++;
      void this.attempt(job).finally(() => {
        this.running--;
        if (this.running === 0) for (const f of this.idle) f();
        this.queue.dispatch();
      });
    }
  }

  private async attempt(job: MemoryJob): Promise<void> {
    try {
      await this.work({
        id: job.id,
        data: job.data,
        progress: job.progress,
        attemptsMade: job.attemptsMade,
        attempts: this.queue.tuning.attempts,
        timestamp: job.timestamp,
        saveProgress: async (p) => {
          job.progress = p;
        },
      });
      job.attemptsMade++;
      this.queue.settle(job, undefined);
    } catch (e) {
      job.attemptsMade++;
      const err = e instanceof Error ? e : new Error(String(e));
      if (this.queue.settle(job, err)) {
        try {
          this.events.deadLettered({ id: job.id, segmentId: job.data.segmentId }, err);
        } catch (listenerErr) {
          this.events.error(listenerErr as Error);
        }
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.queue.detach(this);
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.idle.add(resolve));
  }
}

export class MemoryJobQueue {
  private readonly jobs = new Map<string, MemoryJob>();
  private readonly waiting: string[] = [];
  private readonly workers = new Set<MemoryWorker>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private next = 0;

  constructor(readonly tuning: MemoryQueueTuning) {}

  enqueue(end: InteractionEnd): { jobId: string; created: boolean } {
    this.prune();
    const jobId = jobIdOf(end.segmentId);
    if (this.jobs.has(jobId)) return { jobId, created: false };
    this.jobs.set(jobId, {
      id: jobId,
      data: end,
      state: 'waiting',
      progress: {},
      attemptsMade: 0,
      timestamp: Date.now(),
    });
    this.waiting.push(jobId);
    this.dispatch();
    return { jobId, created: true };
  }

  counts(): QueueCounts {
    this.prune();
    const c: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const j of this.jobs.values()) c[j.state]++;
    return c;
  }

  failed(limit: number): DeadLetterEntry[] {
    return [...this.jobs.values()]
      .filter((j) => j.state === 'failed')
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
      .slice(0, limit)
      .map((j) => ({
        jobId: j.id,
        segmentId: j.data.segmentId,
        file: j.data.file,
        conversationId: j.data.conversationId,
        attempts: j.attemptsMade,
        failedReason: j.failedReason ?? '',
        finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      }));
  }

  /** Starts a worker on this queue; its close() stops it once its running jobs end. */
  worker(work: Work, concurrency: number, events: JobEvents): { close(): Promise<void> } {
    const w = new MemoryWorker(this, work, Math.max(1, concurrency), events);
    this.workers.add(w);
    this.dispatch();
    return w;
  }

  /** Offers waiting jobs to the workers in turn (round robin start, so both instances get work). */
  dispatch(): void {
    const ws = [...this.workers];
    for (let i = 0; i < ws.length && this.waiting.length > 0; i++) ws[(this.next + i) % ws.length]!.pump();
    this.next++;
  }

  take(): MemoryJob | undefined {
    const id = this.waiting.shift();
    const job = id === undefined ? undefined : this.jobs.get(id);
    if (job) job.state = 'active';
    return job;
  }

  /** Records an attempt's outcome; true when the job is now a dead letter. */
  settle(job: MemoryJob, err: Error | undefined): boolean {
    if (!err) {
      job.state = 'completed';
      job.finishedOn = Date.now();
      return false;
    }
    job.failedReason = err.message;
    if (err instanceof PermanentJobError || job.attemptsMade >= this.tuning.attempts) {
      job.state = 'failed';
      job.finishedOn = Date.now();
      return true;
    }
    job.state = 'delayed';
    const delay = this.tuning.backoffMs * 2 ** (job.attemptsMade - 1);
    const t = setTimeout(() => {
      this.timers.delete(t);
      job.state = 'waiting';
      this.waiting.push(job.id);
      this.dispatch();
    }, delay);
    // Never holds the process open: the queue is not durable anyway.
    t.unref();
    this.timers.add(t);
    return false;
  }

  detach(w: MemoryWorker): void {
    this.workers.delete(w);
  }

  /** Forgets completed jobs older than keepCompleted (a re-send after that queues the segment again). */
  private prune(): void {
    const before = Date.now() - this.tuning.keepCompletedSeconds * 1000;
    for (const [id, j] of this.jobs)
      if (j.state === 'completed' && (j.finishedOn ?? 0) < before) this.jobs.delete(id);
  }
}

/** A jobs factory whose instances all share `queue`. */
export function memoryJobs(queue: MemoryJobQueue): RecordingJobsFactory {
  return (): RecordingJobs => {
    let worker: { close(): Promise<void> } | undefined;
    return {
      ready: async () => undefined,
      enqueue: async (end) => queue.enqueue(end),
      counts: async () => queue.counts(),
      failed: async (limit) => queue.failed(limit),
      run(work, opts, events) {
        worker = queue.worker(work, opts.concurrency, events);
      },
      async close() {
        await worker?.close();
      },
    };
  };
}
