// One writer among EXCS replicas: whoever holds the writer lease runs the sync engine; the others are
// standbys that serve the mappings read-only (reloaded when the version moves) and take the lease when it
// lapses. The lease is renewed every third of its TTL; a writer that cannot renew before the TTL has
// passed stops applying on its own, and the mapping store's fenced scripts refuse its writes anyway.
import type { Logger } from '../../core/logger.ts';
import type { Lease, LeaseHolder } from '../../store/lease.ts';
import type { MappingStore } from './store/mappingStore.ts';

export type Role = 'writer' | 'standby';

/** The part of the sync engine the role switches on and off. */
export interface Startable {
  start(): void;
  stop(): Promise<void>;
}

export interface RoleView {
  role: Role;
  instance: string;
  /** The fencing token of the current lease (ours when writer), when someone holds it. */
  leaseToken: number | null;
  /** The instance holding the lease, when someone does. */
  leaseHolder: string | null;
  leaseTtlMs: number;
}

/** Rejects when `p` has not settled within `ms` (a store that hangs must not hold the role up). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export class WriterRole {
  role: Role = 'standby';
  private current: LeaseHolder | null = null;
  /** Until when our lease is certainly valid (local clock, from the start of the last renewal). */
  private validUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly lease: Lease,
    private readonly mapping: MappingStore,
    private readonly engine: Startable,
    private readonly logger: Logger,
    /** What a standby also does at each step (EXCS: read the transaction's settings it serves). */
    private readonly standbyStep: () => Promise<void> = async () => undefined,
  ) {}

  /** Tries for the lease once (so a lone instance starts writing at once), then every TTL/3. */
  async start(): Promise<void> {
    await this.step();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await within(this.turn, this.lease.ttlMs, 'the last lease step').catch(() => undefined);
    if (this.role === 'writer') await this.demote('stopping');
    // A clean stop hands over at once instead of after the TTL.
    await within(this.lease.release(), this.lease.ttlMs, 'releasing the lease').catch(() => undefined);
  }

  view(): RoleView {
    return {
      role: this.role,
      instance: this.lease.holder,
      leaseToken: this.current?.token ?? null,
      leaseHolder: this.current?.holder ?? null,
      leaseTtlMs: this.lease.ttlMs,
    };
  }

  private get renewEveryMs(): number {
    return Math.max(50, Math.floor(this.lease.ttlMs / 3));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.turn = this.step()
        .catch((err: unknown) => {
          // Taking the role failed half-way (the mappings could not be read): the next step tries again.
          this.logger.warn({ err: (err as Error).message }, 'excs: writer role step failed');
        })
        .finally(() => this.schedule());
    }, this.renewEveryMs);
  }

  private async step(): Promise<void> {
    const asked = Date.now();
    let now: LeaseHolder | null;
    try {
      now = await within(this.lease.acquireOrRenew(), this.renewEveryMs, 'the writer lease');
    } catch (err) {
      // The store is unreachable: keep writing only while the lease we had is certainly still ours.
      if (this.role === 'writer' && Date.now() >= this.validUntil) {
        this.lease.drop();
        await this.demote(`the lease could not be renewed: ${(err as Error).message}`);
      }
      return;
    }
    const previous = this.current;
    this.current = now;
    const ours = now?.holder === this.lease.holder;
    if (ours && now) {
      this.validUntil = asked + this.lease.ttlMs;
      if (this.role === 'writer' && previous?.token === now.token) return;
      // A new token while writer means the lease lapsed in between: start over from the store.
      if (this.role === 'writer') await this.demote('the lease lapsed and was taken again');
      await this.promote(now);
      return;
    }
    if (this.role === 'writer') await this.demote(`the lease is held by ${now?.holder ?? 'nobody'}`);
    await this.followWriter();
  }

  private async promote(held: LeaseHolder): Promise<void> {
    if (this.stopped) return;
    await this.mapping.load();
    this.role = 'writer';
    this.logger.info(
      { instance: this.lease.holder, leaseToken: held.token },
      `excs: this instance is the writer now (fencing token ${held.token})`,
    );
    this.engine.start();
  }

  private async demote(why: string): Promise<void> {
    this.role = 'standby';
    this.logger.warn({ instance: this.lease.holder }, `excs: no longer the writer: ${why}`);
    await this.engine.stop();
  }

  /** Standby: the mappings served are the writer's, reloaded when its version moves. */
  private async followWriter(): Promise<void> {
    try {
      if ((await this.mapping.currentVersion()) !== this.mapping.version) await this.mapping.load();
      await this.standbyStep();
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message },
        'excs: standby could not reload the mappings or settings',
      );
    }
  }
}
