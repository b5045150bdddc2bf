// The coalescing publisher: per agent and per channel (presence, routing status) the latest wanted
// state waits in `pending`; one batch per channel is in flight at a time, so a newer state always
// goes out after an older one (per-agent order), and while a send is in flight or the limiter holds,
// newer states replace older unsent ones (coalescing). Only retryable failures are re-queued, behind
// nothing older; non-retryable ones are logged and dropped.
import { eventIdFor } from '../../cloud/event-id.ts';
import {
  CHANNELS,
  type Channel,
  type EventFailureLike,
  type PendingItem,
  type PublishContext,
  type PublisherOptions,
  type Sent,
} from './publisher-types.ts';
import type { Presence, RoutingStatus, UserState } from './reducer.ts';

export * from './publisher-types.ts';

interface ChannelState {
  pending: Map<string, PendingItem>;
  accepted: Map<string, Sent>;
  /** Users with an event in a batch in flight: never in two batches at once (per-agent order). */
  flying: Set<string>;
  sends: Set<Promise<void>>;
  wake?: (() => void) | undefined;
  delay: number;
  pausedUntil: number;
}

export function channelValue(channel: Channel, user: UserState): Presence | RoutingStatus {
  return channel === 'presence' ? user.presence : user.routingStatus;
}

export class StatePublisher {
  private readonly ch: Record<Channel, ChannelState>;
  private stopped = true;
  private loops: Promise<void>[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly batchLimit: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly concurrency: number;
  private readonly minBatchDelayMs: number;

  constructor(private readonly options: PublisherOptions) {
    this.batchLimit = options.batchLimit ?? 100;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.minBatchDelayMs = options.minBatchDelayMs ?? 0;
    const fresh = (): ChannelState => ({
      pending: new Map(),
      accepted: new Map(),
      flying: new Set(),
      sends: new Set(),
      pausedUntil: 0,
      delay: this.retryDelayMs,
    });
    this.ch = { presence: fresh(), routingStatus: fresh() };
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    if (this.options.store) {
      try {
        // A store that does not answer (Redis down) must not hold the service: every state is then sent.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the store did not answer within 3 s')), 3000);
        });
        const loaded = await Promise.race([this.options.store.load(), timeout]).finally(() =>
          clearTimeout(timer),
        );
        for (const [userId, sent] of loaded)
          for (const c of CHANNELS) if (sent[c]) this.ch[c].accepted.set(userId, sent[c]);
      } catch (err) {
        this.options.logger.warn(
          { err: (err as Error).message },
          'last sent states not loaded; every agent will be sent',
        );
      }
    }
    this.stopped = false;
    this.loops = CHANNELS.map((c) => this.loop(c));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of CHANNELS) this.ch[c].wake?.();
    await Promise.all(this.loops);
    await Promise.all(CHANNELS.flatMap((c) => [...this.ch[c].sends]));
  }

  /** The wanted state of a user (latest wins). */
  set(userId: string, employeeId: string, user: UserState, timeMs: number, receivedAt = Date.now()): void {
    for (const c of CHANNELS) {
      const s = this.ch[c];
      const value = channelValue(c, user);
      const prev = s.pending.get(userId);
      if (prev?.value === value) continue;
      if (prev) this.options.hooks?.coalesced?.(c);
      const item = { userId, employeeId, value, timeMs, receivedAt, queuedAt: prev?.queuedAt ?? Date.now() };
      if (prev) s.pending.set(userId, item);
      else if (!s.flying.has(userId) && s.accepted.get(userId)?.value === value) continue;
      else s.pending.set(userId, item);
      s.wake?.();
    }
  }

  /** The user left the scope: nothing more is sent for it. */
  forget(userId: string): void {
    for (const c of CHANNELS) this.ch[c].pending.delete(userId);
  }

  /** What Genesys Cloud has accepted for a user (tests, health). */
  accepted(userId: string): Partial<Record<Channel, Sent>> {
    const out: Partial<Record<Channel, Sent>> = {};
    for (const c of CHANNELS) {
      const a = this.ch[c].accepted.get(userId);
      if (a) out[c] = a;
    }
    return out;
  }

  pendingCount(channel: Channel): number {
    return this.ch[channel].pending.size;
  }

  /** Resolves once nothing is pending or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return CHANNELS.every((c) => this.ch[c].pending.size === 0 && this.ch[c].sends.size === 0);
  }

  private checkIdle(): void {
    if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
  }

  private async sleep(c: Channel, ms?: number): Promise<void> {
    const s = this.ch[c];
    await new Promise<void>((resolve) => {
      const t = ms === undefined ? undefined : setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        s.wake = undefined;
        resolve();
      }
      s.wake = done;
    });
  }

  private sendable(s: ChannelState): boolean {
    if (s.pending.size > s.flying.size) return true;
    for (const userId of s.pending.keys()) if (!s.flying.has(userId)) return true;
    return false;
  }

  private async loop(c: Channel): Promise<void> {
    const s = this.ch[c];
    while (!this.stopped) {
      if (s.sends.size >= this.concurrency || !this.sendable(s)) {
        this.checkIdle();
        await this.sleep(c);
        continue;
      }
      if (Date.now() < s.pausedUntil) {
        await this.sleep(c, s.pausedUntil - Date.now());
        continue;
      }
      const fillBy = this.fillDeadline(s);
      if (fillBy > Date.now()) {
        await this.sleep(c, fillBy - Date.now());
        continue;
      }
      let ctx: PublishContext;
      try {
        ctx = await this.options.context();
      } catch (err) {
        this.options.logger.warn(
          { channel: c, err: (err as Error).message },
          'cannot publish yet: presence source or definitions unknown',
        );
        this.pause(c);
        continue;
      }
      const batch = this.take(c);
      if (!batch.length) continue;
      for (const b of batch) s.flying.add(b.item.userId);
      const p: Promise<void> = this.send(c, batch, ctx)
        .catch((err: unknown) =>
          this.options.logger.error({ channel: c, err: (err as Error).message }, 'send failed'),
        )
        .finally(() => {
          for (const b of batch) s.flying.delete(b.item.userId);
          s.sends.delete(p);
          s.wake?.();
          this.checkIdle();
        });
      s.sends.add(p);
    }
  }

  /** Until when a partial batch waits to fill (0: send now). */
  private fillDeadline(s: ChannelState): number {
    if (this.minBatchDelayMs <= 0 || s.pending.size - s.flying.size >= this.batchLimit) return 0;
    let oldest = Infinity;
    for (const [userId, item] of s.pending)
      if (!s.flying.has(userId)) oldest = Math.min(oldest, item.queuedAt);
    return oldest === Infinity ? 0 : oldest + this.minBatchDelayMs;
  }

  /** Holds the channel back after a failure: 250 ms doubling to 5 s, jittered. */
  private pause(c: Channel): void {
    const s = this.ch[c];
    s.pausedUntil = Date.now() + s.delay * (0.5 + Math.random() / 2);
    s.delay = Math.min(s.delay * 2, this.maxRetryDelayMs);
  }

  private take(c: Channel): { item: PendingItem; eventId: string; timeMs: number }[] {
    const s = this.ch[c];
    const out: { item: PendingItem; eventId: string; timeMs: number }[] = [];
    for (const [userId, item] of s.pending) {
      if (out.length >= this.batchLimit) break;
      if (s.flying.has(userId)) continue;
      s.pending.delete(userId);
      const acc = s.accepted.get(userId);
      if (acc?.value === item.value) continue;
      // Genesys Cloud must see this agent's events in time order, even after a clock step back.
      const timeMs = acc && item.timeMs <= acc.timeMs ? acc.timeMs + 1 : item.timeMs;
      out.push({ item, timeMs, eventId: eventIdFor('exas', c, userId, item.value, item.timeMs) });
    }
    return out;
  }

  private async send(
    c: Channel,
    batch: { item: PendingItem; eventId: string; timeMs: number }[],
    ctx: PublishContext,
  ): Promise<void> {
    const s = this.ch[c];
    const toSend: typeof batch = [];
    for (const b of batch) {
      if (c === 'presence' && !ctx.presenceIds.get(b.item.value)) {
        this.reject(c, b.item, `no presence definition for systemPresence ${b.item.value}`);
      } else toSend.push(b);
    }
    if (!toSend.length) return;
    let errors: EventFailureLike[];
    try {
      const res =
        c === 'presence'
          ? await this.options.sink.presence(
              toSend.map((b) => ({
                eventId: b.eventId,
                eventDateTime: new Date(b.timeMs).toISOString(),
                userId: b.item.userId,
                sourceId: ctx.sourceId,
                presenceDefinitionId: ctx.presenceIds.get(b.item.value) as string,
              })),
              { caller: 'exas-presence' },
            )
          : await this.options.sink.routingStatus(
              toSend.map((b) => ({
                eventId: b.eventId,
                eventDateTime: new Date(b.timeMs).toISOString(),
                agentId: b.item.userId,
                status: b.item.value,
                sourceId: ctx.sourceId,
              })),
              { caller: 'exas-routingstatus' },
            );
      errors = res.errors;
    } catch (err) {
      // Not a per-event answer (a bug or an unexpected failure): keep the states and try again.
      this.options.logger.error({ channel: c, err: (err as Error).message }, 'events send failed');
      errors = toSend.map((b) => ({
        eventId: b.eventId,
        message: (err as Error).message,
        retryable: true,
        status: 0,
      }));
    }
    const failed = new Map(errors.map((e) => [e.eventId, e]));
    const retry: PendingItem[] = [];
    const now = Date.now();
    for (const b of toSend) {
      const e = failed.get(b.eventId);
      if (!e) {
        const sent = { value: b.item.value, timeMs: b.timeMs };
        s.accepted.set(b.item.userId, sent);
        this.options.hooks?.accepted?.(c, b.item.value, b.item, now);
        this.options.store?.save(b.item.userId, c, sent).catch((err: unknown) => {
          this.options.logger.warn(
            { userId: b.item.userId, err: (err as Error).message },
            'last sent state not stored',
          );
        });
      } else if (e.retryable) {
        // A failed request may still have been applied: what Genesys Cloud shows is unknown now.
        if (e.status !== undefined) s.accepted.delete(b.item.userId);
        if (!s.pending.has(b.item.userId)) retry.push(b.item);
      } else {
        this.reject(c, b.item, e.message);
      }
    }
    if (retry.length) {
      this.options.hooks?.retried?.(c, retry.length);
      // Retried states go first: nothing newer for these users is waiting.
      const rest = [...s.pending];
      s.pending.clear();
      for (const r of retry) s.pending.set(r.userId, r);
      for (const [k, v] of rest) s.pending.set(k, v);
      this.options.logger.warn(
        { channel: c, events: retry.length, error: errors[0]?.message },
        'events will be re-sent',
      );
      this.pause(c);
    } else if (errors.length < toSend.length) {
      s.delay = this.retryDelayMs;
    }
  }

  private reject(c: Channel, item: PendingItem, message: string): void {
    this.options.logger.error(
      { channel: c, employeeId: item.employeeId, userId: item.userId, value: item.value, error: message },
      'state event rejected by Genesys Cloud (not retryable), dropped',
    );
    this.options.hooks?.rejected?.(c, item.value, item, message);
  }
}
