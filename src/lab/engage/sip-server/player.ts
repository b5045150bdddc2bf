// Plays timed events: a min-heap by time over every call in progress, drained by one timer. Events due
// together go out in one go (in batches, so a burst never starves the sockets).
import type { SimEvent, SiteKey } from './scenarios/index.ts';
import { LatenessCounter } from './lateness.ts';
import { prepareEvent, type PreparedEvent } from './server/node.ts';

interface Item {
  atUs: number;
  order: number;
  site: SiteKey;
  ev: PreparedEvent;
}

const BATCH = 2000;

export class EventPlayer {
  private heap: Item[] = [];
  private order = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private stopped = false;
  private paused = false;
  played = 0;
  /** How long after its T-Lib time each event went out. */
  readonly lateness = new LatenessCounter();

  constructor(private readonly deliver: (site: SiteKey, ev: PreparedEvent) => void) {}

  get pending(): number {
    return this.heap.length;
  }

  add(events: readonly SimEvent[]): void {
    for (const e of events)
      this.push({ atUs: e.atUs, order: this.order++, site: e.site, ev: prepareEvent(e.body, e.dn) });
    this.schedule();
  }

  /** Holds every event back until resume() (to queue a burst and send it at once). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.heap = [];
  }

  private schedule(): void {
    if (this.stopped || this.paused || this.immediate) return;
    const next = this.heap[0];
    if (!next) return;
    const delayMs = (next.atUs - Date.now() * 1000) / 1000;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (delayMs <= 0) this.immediate = setImmediate(() => this.pump());
    else this.timer = setTimeout(() => this.pump(), Math.min(delayMs, 2_147_000_000));
  }

  private pump(): void {
    this.immediate = undefined;
    this.timer = undefined;
    const nowUs = Date.now() * 1000;
    for (let n = 0; n < BATCH && !this.paused; n++) {
      const top = this.heap[0];
      if (!top || top.atUs > nowUs) break;
      this.pop();
      this.lateness.add(nowUs - top.atUs);
      this.played++;
      this.deliver(top.site, top.ev);
    }
    this.schedule();
  }

  private less(a: Item, b: Item): boolean {
    return a.atUs < b.atUs || (a.atUs === b.atUs && a.order < b.order);
  }

  private push(item: Item): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
