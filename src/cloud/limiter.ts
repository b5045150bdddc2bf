// The per-token rate limiter. Genesys Cloud allows 300 requests per minute per client-credentials token;
// a daemon that crosses it gets 429s for everyone using the token, so we keep under it on our side:
// - a token bucket (steady rate limit/window, small bursts) for smooth traffic;
// - a sliding-window log as a hard cap: never more than `limit` grants in any `windowMs`;
// - round-robin between caller keys, so one caller with a thousand queued requests does not starve
//   another with one;
// - pause(): a 429's Retry-After stops every caller of the token until it has passed.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface RateLimiterOptions {
  /** Requests allowed per window (default 300). */
  limit?: number;
  /**
   * The window (ms). Default 61 s: one second more than the server's minute, so that differences in
   * when a request is counted (our send vs. its arrival) never push the server's count over the limit.
   */
  windowMs?: number;
  /** Grants that may go out back to back after a quiet spell (default 5). */
  burst?: number;
  clock?: Clock;
}

interface Waiter {
  key: string;
  enqueuedAt: number;
  resolve: (waitedMs: number) => void;
  reject: (err: unknown) => void;
  onAbort?: () => void;
  signal?: AbortSignal | undefined;
}

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly grants: number[] = []; // times of the last `limit` grants, oldest first
  private tokens: number;
  private tokensAt: number;
  private pausedUntil = 0;
  private readonly queues = new Map<string, Waiter[]>();
  private readonly order: string[] = []; // keys with waiters, in round-robin order
  private timer: unknown;
  private timerAt = Infinity;

  constructor(opts: RateLimiterOptions = {}) {
    this.limit = Math.max(1, Math.floor(opts.limit ?? 300));
    this.windowMs = opts.windowMs ?? 61_000;
    this.burst = Math.max(1, Math.min(opts.burst ?? 5, this.limit));
    this.clock = opts.clock ?? systemClock;
    this.intervalMs = this.windowMs / this.limit;
    this.tokens = this.burst;
    this.tokensAt = this.clock.now();
  }

  /** Waits for a slot; resolves with the milliseconds waited. `key` names the caller for fairness. */
  acquire(key = 'default', signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number>((resolve, reject) => {
      const w: Waiter = { key, enqueuedAt: this.clock.now(), resolve, reject, signal };
      let q = this.queues.get(key);
      if (!q) {
        q = [];
        this.queues.set(key, q);
        this.order.push(key);
      }
      q.push(w);
      if (signal) {
        w.onAbort = () => {
          this.remove(w);
          reject(signal.reason);
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.pump();
    });
  }

  /**
   * Takes a slot now if one is free and nobody waits (no queueing): a caller that fills its request only
   * once it may go out (the conversation provider's sender) then passes `slotTaken` to the transport.
   */
  tryAcquire(): boolean {
    if (this.order.length > 0) return false;
    const now = this.clock.now();
    if (this.nextFreeAt() > now) return false;
    this.tokens -= 1;
    this.grants.push(now);
    if (this.grants.length > this.limit) this.grants.shift();
    return true;
  }

  /** Stops every caller until `ms` from now (a 429's Retry-After). Never shortens an earlier pause. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.reschedule(this.pausedUntil);
  }

  /** Requests waiting for a slot. */
  get pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** When the next grant could go out (ms since epoch of the clock), ignoring queued waiters. */
  nextFreeAt(): number {
    const now = this.clock.now();
    this.refill(now);
    let t = Math.max(now, this.pausedUntil);
    if (this.tokens < 1) t = Math.max(t, this.tokensAt + (1 - this.tokens) * this.intervalMs);
    if (this.grants.length >= this.limit) t = Math.max(t, this.grants[0]! + this.windowMs);
    return t;
  }

  private refill(now: number): void {
    if (now > this.tokensAt) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.tokensAt) / this.intervalMs);
      this.tokensAt = now;
    }
  }

  private pump(): void {
    for (;;) {
      if (this.order.length === 0) return;
      const at = this.nextFreeAt();
      const now = this.clock.now();
      if (at > now) {
        this.reschedule(at);
        return;
      }
      const key = this.order.shift()!;
      const q = this.queues.get(key)!;
      const w = q.shift()!;
      if (q.length) this.order.push(key);
      else this.queues.delete(key);
      this.tokens -= 1;
      this.grants.push(now);
      if (this.grants.length > this.limit) this.grants.shift();
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(now - w.enqueuedAt);
    }
  }

  private reschedule(at: number): void {
    if (this.order.length === 0) return;
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, Math.ceil(at - this.clock.now())),
    );
  }

  private remove(w: Waiter): void {
    const q = this.queues.get(w.key);
    if (!q) return;
    const i = q.indexOf(w);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) {
      this.queues.delete(w.key);
      const k = this.order.indexOf(w.key);
      if (k >= 0) this.order.splice(k, 1);
    }
  }
}
