// Transcription settings and STA programs from Genesys Cloud (seed 003: "pulled from GC by EXEC every 15
// minutes"): the org setting, the default program, each queue's program and Queue.enableTranscription.
// The last good snapshot is kept through failures.
import type { CloudClient } from '../../../cloud/index.ts';
import type { Logger } from '../../../core/logger.ts';
import type { StaSnapshot, Transcription } from './decide.ts';

const TRANSCRIPTION = new Set<string>(['Disabled', 'EnabledGlobally', 'EnabledQueueFlow']);

export async function loadStaSnapshot(cloud: CloudClient): Promise<StaSnapshot> {
  const [ts, settings, programs, queues] = await Promise.all([
    cloud.routing.transcriptionSettings(),
    cloud.speechAnalytics.settings(),
    cloud.speechAnalytics.queuePrograms(),
    cloud.routing.listQueues(),
  ]);
  const t = String(ts.transcription ?? 'Disabled');
  const queueTranscription: Record<string, boolean> = {};
  for (const q of queues) if (q.id) queueTranscription[q.id] = q.enableTranscription === true;
  return {
    transcription: (TRANSCRIPTION.has(t) ? t : 'Disabled') as Transcription,
    ...(settings.defaultProgram?.id ? { defaultProgramId: settings.defaultProgram.id } : {}),
    queuePrograms: Object.fromEntries(programs),
    queueTranscription,
  };
}

export class StaSettingsCache {
  private snapshot: StaSnapshot | undefined;
  private timer: NodeJS.Timeout | undefined;
  private first: Promise<void> | undefined;
  private stopped = false;
  lastError: string | undefined;
  loadedAt = 0;

  constructor(private readonly o: { cloud: () => Promise<CloudClient>; refreshMs: number; logger: Logger }) {}

  current(): StaSnapshot | undefined {
    return this.snapshot;
  }

  async refresh(): Promise<void> {
    try {
      this.snapshot = await loadStaSnapshot(await this.o.cloud());
      this.loadedAt = Date.now();
      this.lastError = undefined;
    } catch (err) {
      this.lastError = (err as Error).message;
      this.o.logger.warn(
        { err: this.lastError },
        'STA settings not read from Genesys Cloud; keeping the last',
      );
    }
  }

  /** Resolves once the first read finished (whatever its outcome); the periodic refresh starts with it. */
  ready(): Promise<void> {
    if (!this.first) {
      this.first = this.refresh();
      this.stopped = false;
      const tick = () => {
        if (this.stopped) return;
        this.timer = setTimeout(() => void this.refresh().finally(tick), this.o.refreshMs);
        this.timer.unref();
      };
      tick();
    }
    return this.first;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
