// How late the simulator sends events: each event carries the T-Lib time its scenario gave it, and goes
// out when the player's timer and event loop get to it. A benchmark that measures from the T-Lib time
// counts this lateness as the connector's, so it is shown beside the result (`npm run bench -- excp`):
// a real SIP Server stamps an event as it sends it, on a machine of its own.

/** Lateness counted per whole millisecond; anything later than this lands in the last count. */
const LAST_MS = 10_000;

export interface Lateness {
  events: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class LatenessCounter {
  private readonly perMs = new Uint32Array(LAST_MS + 1);
  private events = 0;
  private maxUs = 0;

  /** One event sent `lateUs` microseconds after its T-Lib time (early counts as on time). */
  add(lateUs: number): void {
    const us = Math.max(0, lateUs);
    this.perMs[Math.min(LAST_MS, Math.floor(us / 1000))]!++;
    this.events++;
    if (us > this.maxUs) this.maxUs = us;
  }

  /** The counts since the last call (percentiles to the millisecond below), then starts again. */
  take(): Lateness {
    const at = (q: number): number => {
      const rank = Math.ceil(q * this.events);
      let seen = 0;
      for (let ms = 0; ms <= LAST_MS; ms++) {
        seen += this.perMs[ms]!;
        if (seen >= rank) return ms;
      }
      return LAST_MS;
    };
    const r: Lateness = {
      events: this.events,
      p50Ms: this.events ? at(0.5) : 0,
      p99Ms: this.events ? at(0.99) : 0,
      maxMs: Math.floor(this.maxUs / 1000),
    };
    this.perMs.fill(0);
    this.events = 0;
    this.maxUs = 0;
    return r;
  }
}
