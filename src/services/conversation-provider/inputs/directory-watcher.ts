// Follows EXCS's mapping API: polls each mapping with If-None-Match (EXCS answers 304 while its `version`
// is unchanged), validates every answer, and rebuilds the Directory when any of them changed. While EXCS
// is unreachable the last directory stays in use.
import { z } from 'zod';
import type { ExcsClient } from '../../shared/excs-client.ts';
import { buildDirectory, mappingSchemas, type DirectorySnapshot, type Mappings } from './directory.ts';

export interface DirectoryWatcherOptions {
  excs: ExcsClient;
  intervalMs: number;
  onDirectory(dir: DirectorySnapshot): void;
  onError(err: Error): void;
}

type Kind = keyof typeof mappingSchemas;
const KINDS: Kind[] = ['users', 'queues', 'extensions', 'wrapupcodes'];

export class DirectoryWatcher {
  private readonly last: Partial<Mappings> = {};
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** An answer changed since the directory was last built (kept across a failed poll). */
  private dirty = false;
  lastOk = 0;
  lastError: string | undefined;
  current: DirectorySnapshot | undefined;

  constructor(private readonly o: DirectoryWatcherOptions) {}

  start(): void {
    this.stopped = false;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One poll now (tests and start-up); resolves once it is done. */
  async refresh(): Promise<void> {
    for (const kind of KINDS) {
      const data = await this.o.excs.get(
        `/api/v1/mappings/${kind}`,
        z.object({ [kind]: mappingSchemas[kind] }),
        true,
      );
      if (data) {
        (this.last as Record<string, unknown>)[kind] = data[kind];
        this.dirty = true;
      }
    }
    const source = await this.o.excs.get(
      '/api/v1/mappings/source',
      z.object({ cloudId: z.string().nullish() }),
      true,
    );
    if (source) {
      this.last.sourceId = source.cloudId ?? undefined;
      this.dirty = true;
    }
    this.lastOk = Date.now();
    this.lastError = undefined;
    if (this.dirty || !this.current) {
      this.dirty = false;
      const m = this.last;
      this.current = buildDirectory({
        users: m.users ?? [],
        queues: m.queues ?? [],
        extensions: m.extensions ?? [],
        wrapupcodes: m.wrapupcodes ?? [],
        sourceId: m.sourceId,
      });
      this.o.onDirectory(this.current);
    }
  }

  private async poll(): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      this.lastError = (err as Error).message;
      this.o.onError(err as Error);
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.poll(), this.current ? this.o.intervalMs : 1000);
      this.timer.unref();
    }
  }
}
