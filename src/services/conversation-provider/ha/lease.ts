// The processing lease: one instance of the group holds it and processes; the other waits and takes it
// when it expires (the holder died) or is given up (a clean stop). Each change of hands gets a new
// fencing token, which every commit and acknowledgement checks in Redis, so a holder that lost the lease
// without noticing (paused, partitioned) cannot write any more.
import type { HaStore } from './ha-store.ts';

export interface LeaseOptions {
  ha: HaStore;
  owner: string;
  ttlMs: number;
  /** How often to renew or try to take it (default ttl / 3). */
  renewMs?: number;
  onAcquired(token: number): void;
  onLost(reason: string): void;
  onError(err: Error): void;
}

export class LeaseKeeper {
  private current = 0;
  /** Until when (local clock) the lease is surely ours: renewal start + ttl, less a margin. */
  private validUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly o: LeaseOptions) {}

  /** The fencing token while this instance surely holds the lease, else 0. */
  get token(): number {
    return this.current && Date.now() < this.validUntil ? this.current : 0;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.current) {
      this.current = 0;
      await this.o.ha.releaseLease(this.o.owner).catch(() => undefined);
    }
  }

  private lose(reason: string): void {
    if (!this.current) return;
    this.current = 0;
    this.validUntil = 0;
    this.o.onLost(reason);
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    try {
      const token = await this.o.ha.takeLease(this.o.owner, this.o.ttlMs);
      if (this.stopped) return;
      if (token === 0) this.lose('held by another instance');
      else {
        // A margin for clock drift and the renewal's own delay.
        this.validUntil = started + this.o.ttlMs - Math.min(500, this.o.ttlMs / 5);
        if (token !== this.current) {
          if (this.current) this.lose('taken over');
          this.current = token;
          this.o.onAcquired(token);
        }
      }
    } catch (err) {
      this.o.onError(err as Error);
      if (Date.now() >= this.validUntil) this.lose('Redis not reachable');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.o.renewMs ?? Math.max(50, this.o.ttlMs / 3));
    }
  }
}
