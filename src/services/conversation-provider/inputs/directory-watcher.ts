// Follows EXCS's mapping API: polls each mapping with If-None-Match (EXCS answers 304 while its `version`
// is unchanged), validates every answer, and rebuilds the Directory when any of them changed. While EXCS
// is unreachable the last directory stays in use.
import { z } from 'zod';
import { buildDirectory, mappingSchemas, type DirectorySnapshot, type Mappings } from './directory.ts';

export interface DirectoryWatcherOptions {
  excsUrl: string;
  apiToken?: string | undefined;
  intervalMs: number;
  timeoutMs?: number;
  onDirectory(dir: DirectorySnapshot): void;
  onError(err: Error): void;
}

type Kind = keyof typeof mappingSchemas;
const KINDS: Kind[] = ['users', 'queues', 'extensions', 'wrapupcodes'];

export class DirectoryWatcher {
  private readonly etags = new Map<string, string>();
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
      const data = await this.get(`/api/v1/mappings/${kind}`, z.object({ [kind]: mappingSchemas[kind] }));
      if (data) {
        (this.last as Record<string, unknown>)[kind] = data[kind];
        this.dirty = true;
      }
    }
    const source = await this.get('/api/v1/mappings/source', z.object({ cloudId: z.string().nullish() }));
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

  /** The `data` of a mapping answer, validated; undefined when unchanged (304). */
  private async get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | undefined> {
    const url = `${this.o.excsUrl.replace(/\/+$/, '')}${path}`;
    const etag = this.etags.get(path);
    let res: Response;
    try {
      res = await fetch(url, {
        headers: {
          accept: 'application/json',
          ...(this.o.apiToken ? { authorization: `Bearer ${this.o.apiToken}` } : {}),
          ...(etag ? { 'if-none-match': etag } : {}),
        },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new Error(`EXCS ${path}: ${(err as Error).message}`, { cause: err });
    }
    if (res.status === 304) return undefined;
    if (!res.ok) throw new Error(`EXCS ${path}: HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new Error(`EXCS ${path}: the answer is not JSON`);
    }
    const parsed = z.object({ data: schema }).safeParse(body);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new Error(`EXCS ${path}: data.${i?.path.join('.') || ''} ${i?.message ?? 'is not valid'}`);
    }
    const tag = res.headers.get('etag');
    if (tag) this.etags.set(path, tag);
    return (parsed.data as { data: z.infer<T> }).data;
  }
}
