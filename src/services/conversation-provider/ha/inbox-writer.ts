// Each instance appends every event it ingests to the shared inbox, in the order it ingested them: one
// append in flight at a time, carrying everything that arrived meanwhile, so per-stream order holds
// and the script call count stays low under load. While Redis is away the events wait here, up to a
// bound (the oldest are dropped then, counted: the other instance may still have them).
import type { TEvent } from '../../../engage/tlib/index.ts';
import { eventTimeMicros } from '../../../engage/tlib/index.ts';
import type { LinkKind } from '../core/api.ts';
import type { HaStore } from './ha-store.ts';
import { eventIdentity, OccurrenceCounter } from './identity.ts';

/** What one inbox entry holds. */
export interface InboxPayload {
  link: LinkKind;
  site: string;
  /** When this instance received it (ms), for the latency histogram. */
  at: number;
  event: TEvent;
}

export interface InboxWriterOptions {
  ha: HaStore;
  /** How long identities are remembered (ms): longer than the two instances' streams may drift apart. */
  seenTtlMs: number;
  /** Width of a seen-bucket, by event time (ms). */
  bucketMs?: number;
  maxBuffered?: number;
  maxBatch?: number;
  /**
   * After each append: how many were new, how many the other instance had appended already, and the
   * last inbox seq (wakes the processor).
   */
  onAppended(appended: number, known: number, last: number): void;
  onDropped(count: number): void;
  onError(err: Error): void;
}

interface Pending {
  bucket: number;
  identity: string;
  payload: string;
}

export class InboxWriter {
  private buffer: Pending[] = [];
  private running = false;
  private inFlight = 0;
  private readonly occurrences = new OccurrenceCounter();
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private idle: (() => void)[] = [];

  constructor(private readonly o: InboxWriterOptions) {}

  get buffered(): number {
    return this.buffer.length;
  }

  add(input: InboxPayload, pair: number): void {
    if (this.stopped) return;
    const id = this.occurrences.tag(eventIdentity(input.event, input.link, pair));
    const timeMs = Math.floor((eventTimeMicros(input.event) ?? input.at * 1000) / 1000);
    this.buffer.push({
      bucket: Math.floor(timeMs / (this.o.bucketMs ?? 30_000)),
      identity: id,
      payload: JSON.stringify(input),
    });
    const max = this.o.maxBuffered ?? 200_000;
    if (this.buffer.length > max) {
      // The batch being appended stays; the oldest of the rest go.
      const drop = Math.min(this.buffer.length - max, this.buffer.length - this.inFlight);
      this.buffer.splice(this.inFlight, drop);
      this.o.onDropped(drop);
    }
    if (!this.running && !this.retryTimer) {
      this.running = true;
      // Let the rest of this tick's events join the batch.
      setImmediate(() => void this.flush());
    }
  }

  /** Resolves when everything buffered so far has been appended (or the writer stopped). */
  drained(): Promise<void> {
    if (!this.buffer.length && !this.running) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    for (const r of this.idle.splice(0)) r();
  }

  private async flush(): Promise<void> {
    while (this.buffer.length && !this.stopped) {
      const batch = this.buffer.slice(0, this.o.maxBatch ?? 500);
      this.inFlight = batch.length;
      try {
        const r = await this.o.ha.append(this.o.seenTtlMs, batch).finally(() => (this.inFlight = 0));
        // Only now: a failed append keeps its events, in place, for the next try.
        this.buffer.splice(0, batch.length);
        this.o.onAppended(r.appended, batch.length - r.appended, r.last);
      } catch (err) {
        this.o.onError(err as Error);
        this.running = false;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.running = true;
          void this.flush();
        }, 200);
        return;
      }
    }
    this.running = false;
    for (const r of this.idle.splice(0)) r();
  }
}
