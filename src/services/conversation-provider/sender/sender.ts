// Sends the outbox to the Events API: requests filled across conversations (one event of each, up to the
// batch limit), as many in flight as allowed, each event acknowledged in Redis once its request was
// answered. Retryable failures stay at the head of their conversation and go again after a backoff
// (a Genesys Cloud outage only makes them wait); non-retryable ones are logged with the event, counted
// and dropped. Only the lease holder sends, and only while its fencing token is current.
// Exactly once: before a request goes out its events are marked in Redis as on their way; an event whose
// answer was lost (a takeover finds it marked, or the request failed ambiguously) is in doubt and is read
// back (in-doubt.ts) instead of being sent again, once its request can no longer be on its way.
import type { Models } from 'purecloud-platform-client-v2';
import type { EventFailure, EventSendResult, TaggedConversationEvent } from '../../../cloud/areas/events.ts';
import type { Logger } from '../../../core/logger.ts';
import { appliedIn } from './in-doubt.ts';
import type { OutboxQueues, OutItem } from './outbox-queues.ts';

export interface SenderHooks {
  accepted(item: OutItem, now: number): void;
  rejected(item: OutItem, failure: EventFailure): void;
  retried(item: OutItem, failure: EventFailure): void;
  request(events: number, ms: number, ok: boolean): void;
  /** An event in doubt was read back: applied (acknowledged, not sent again), or not (sent again). */
  inDoubt(item: OutItem, applied: boolean): void;
}

/** Sends one request; `slotTaken`: the sender already holds the rate limiter's slot for it. */
export type SendEvents = (
  events: TaggedConversationEvent[],
  o?: { slotTaken?: boolean },
) => Promise<EventSendResult>;

export interface SenderOptions {
  queues: OutboxQueues;
  send: SendEvents;
  /** Removes answered events from the outbox under the token; false when fenced off. */
  ack(token: number, seqs: number[]): Promise<boolean>;
  /** Marks events as on their way under the token, before their request goes out; false when fenced off. */
  markSending(token: number, seqs: number[], nowMs: number, request: string): Promise<boolean>;
  /** The conversation as Genesys Cloud shows it (undefined: not known there). */
  readBack(conversationId: string): Promise<Models.Conversation | undefined>;
  /** How long after its request went out an event in doubt is read back (default 3000 ms). */
  inDoubtSettleMs?: number;
  /** Requests in doubt read back at a time (default 4). */
  maxReadBacks?: number;
  /** The current fencing token, 0 when this instance must not send. */
  token(): number;
  /** When the next request may start without waiting in the limiter (epoch ms); fills requests meanwhile. */
  nextFreeAt?(): number;
  /**
   * Takes the limiter's slot now if free (undefined: no limiter yet). A request is filled only once it
   * may go out, so no conversation waits in the limiter's queue behind a half-empty request.
   */
  tryAcquire?(): boolean | undefined;
  batchLimit: number;
  maxInFlight: number;
  /** Backoff after a request whose events all failed retryably (an outage), doubling up to max. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  logger: Logger;
  hooks: SenderHooks;
  /** The lease was found lost while acknowledging. */
  onFenced(): void;
}

export class ConversationSender {
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private doubtTimer: NodeJS.Timeout | undefined;
  private readBacks = 0;
  /** Acknowledgements on their way to Redis. */
  private acking = 0;
  private requestNo = 0;
  private backoffMs = 0;
  private pausedUntil = 0;
  private running = false;
  /** Seqs answered but not yet acknowledged in Redis (a Redis hiccup): acknowledged with the next ones. */
  private unacked: number[] = [];
  private idle: (() => void)[] = [];

  constructor(private readonly o: SenderOptions) {}

  get requestsInFlight(): number {
    return this.inFlight;
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    clearTimeout(this.doubtTimer);
    this.timer = undefined;
    this.doubtTimer = undefined;
  }

  /** Resolves when no request, read-back or acknowledgement is in flight. */
  settled(): Promise<void> {
    if (!this.inFlight && !this.readBacks && !this.acking) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Something changed (new events, an answer, a new lease): send what can be sent. */
  wake(): void {
    if (!this.running) return;
    this.resolveInDoubt();
    if (this.timer) return;
    const now = Date.now();
    const wait = Math.max(this.pausedUntil - now, (this.o.nextFreeAt?.() ?? now) - now);
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, wait);
      return;
    }
    while (this.inFlight < this.o.maxInFlight) {
      const token = this.o.token();
      if (!token || !this.o.queues.ready()) return;
      const slot = this.o.tryAcquire?.();
      if (slot === false) {
        // The budget is spent for now: the next request goes when a slot frees, filled with what is
        // ready then (more events per request under load, none waiting in the limiter's queue).
        this.timer = setTimeout(
          () => {
            this.timer = undefined;
            this.wake();
          },
          Math.max(5, (this.o.nextFreeAt?.() ?? Date.now()) - Date.now()),
        );
        return;
      }
      const items = this.o.queues.take(this.o.batchLimit);
      this.inFlight++;
      void this.request(token, items, slot === true);
    }
  }

  /**
   * Reads back the events in doubt whose request can no longer be on its way, a request at a time: the
   * API takes a request whole or not at all, so one of its events whose effect shows says the request
   * was processed (a read or three for up to a hundred events).
   */
  private resolveInDoubt(): void {
    const settleMs = this.o.inDoubtSettleMs ?? 3000;
    const max = this.o.maxReadBacks ?? 4;
    const token = this.o.token();
    if (!token || this.readBacks >= max) return;
    const now = Date.now();
    const byRequest = new Map<string, OutItem[]>();
    for (const item of this.o.queues.takeInDoubt(Infinity, now - settleMs)) {
      const key = item.request ?? String(item.sentAt);
      const list = byRequest.get(key);
      if (list) list.push(item);
      else byRequest.set(key, [item]);
    }
    for (const items of byRequest.values()) {
      if (this.readBacks >= max) {
        for (const item of items) this.o.queues.settle(item, false);
        continue;
      }
      this.readBacks++;
      void this.readBack(token, items);
    }
    const oldest = this.o.queues.oldestInDoubt();
    if (oldest === undefined || this.doubtTimer) return;
    this.doubtTimer = setTimeout(
      () => {
        this.doubtTimer = undefined;
        this.wake();
      },
      Math.max(1, oldest + settleMs - now),
    );
  }

  private async readBack(token: number, items: OutItem[]): Promise<void> {
    let applied: boolean | undefined;
    try {
      // Up to three answers: one event the API rejected (its effect never shows) does not pass for the
      // whole request not having been processed.
      let told = 0;
      for (const item of items) {
        const one = appliedIn(item.tagged, await this.o.readBack(item.conversationId));
        if (one === undefined) continue;
        applied = one;
        if (one || ++told >= 3) break;
      }
    } catch (err) {
      // Not readable now (an outage): they stay in doubt and are read again after the backoff.
      this.o.logger.warn(
        { conversationId: items[0]?.conversationId, err: (err as Error).message },
        'conversation not read back; the events in doubt wait',
      );
      for (const item of items) this.o.queues.settle(item, false);
      this.pausedUntil = Date.now() + (this.o.retryDelayMs ?? 500);
      this.finishReadBack();
      return;
    }
    for (const item of items) this.o.hooks.inDoubt(item, applied === true);
    if (applied) {
      const now = Date.now();
      for (const item of items) {
        this.o.hooks.accepted(item, now);
        this.o.queues.settle(item, true);
      }
      await this.acknowledge(
        token,
        items.map((i) => i.seq),
      );
    } else {
      // Not processed (or nothing of it can be told, audioUpdated only): its events go again.
      for (const item of items) {
        delete item.sentAt;
        delete item.request;
        this.o.queues.settle(item, false);
      }
    }
    this.finishReadBack();
  }

  private finishReadBack(): void {
    this.readBacks--;
    this.notifyIdle();
    this.wake();
  }

  private async request(token: number, items: OutItem[], slotTaken: boolean): Promise<void> {
    const started = Date.now();
    for (const item of items) if (item.trace) item.trace.requestAt = started;
    const requestId = `${token}.${++this.requestNo}`;
    let marked: boolean | 'store-down';
    try {
      marked = await this.o.markSending(
        token,
        items.map((i) => i.seq),
        started,
        requestId,
      );
    } catch (err) {
      // Redis not reachable: nothing went out; the events wait for the store.
      this.o.logger.warn({ err: (err as Error).message }, 'events not marked as sending; they wait');
      marked = 'store-down';
      this.pausedUntil = Date.now() + (this.o.retryDelayMs ?? 500);
    }
    if (marked !== true || this.o.token() !== token) {
      for (const item of items) this.o.queues.settle(item, false);
      // Refused under a token this instance still believes current: another instance holds the lease.
      if (marked === false && this.o.token() === token) this.o.onFenced();
      this.finishRequest();
      return;
    }
    let result: EventSendResult;
    try {
      result = await this.o.send(
        items.map((i) => i.tagged),
        { slotTaken },
      );
    } catch (err) {
      // Not an API answer (a bug or a network failure the client did not classify): read back, then retry.
      const message = (err as Error).message;
      result = {
        submitted: items.length,
        batches: 1,
        // status 0: the request may have gone out, so its events are in doubt.
        errors: items.map((i) => ({ eventId: eventIdOf(i), message, retryable: true, status: 0 })),
      };
    }
    const now = Date.now();
    const failures = new Map(result.errors.map((e) => [e.eventId, e]));
    const done: number[] = [];
    let retried = 0;
    for (const item of items) {
      const f = failures.get(eventIdOf(item));
      if (!f) {
        this.o.hooks.accepted(item, now);
        done.push(item.seq);
      } else if (f.retryable) {
        retried++;
        this.o.hooks.retried(item, f);
      } else {
        this.o.hooks.rejected(item, f);
        this.o.logger.error(
          {
            callUuid: item.callUuid,
            conversationId: item.conversationId,
            eventId: f.eventId,
            kind: item.tagged.kind,
            event: item.tagged.event,
            reason: f.message,
            status: f.status,
            code: f.code,
          },
          'Genesys Cloud rejected a conversation event; it is dropped',
        );
        done.push(item.seq);
      }
    }
    this.o.hooks.request(items.length, now - started, retried === 0);
    if (retried === items.length) {
      this.backoffMs = Math.min(
        this.o.maxRetryDelayMs ?? 30_000,
        this.backoffMs ? this.backoffMs * 2 : (this.o.retryDelayMs ?? 500),
      );
      this.pausedUntil = now + this.backoffMs;
      this.o.logger.warn(
        { events: items.length, retryInMs: this.backoffMs, reason: result.errors[0]?.message },
        'Genesys Cloud did not take the request; its events wait and go again',
      );
    } else {
      this.backoffMs = 0;
    }
    const failedSeqs = new Set(items.filter((i) => failures.get(eventIdOf(i))?.retryable).map((i) => i.seq));
    for (const item of items) {
      // A request that failed as a whole without a clear "not processed" (no answer, 5xx) may have been
      // applied: its events are in doubt and read back before going again.
      const f = failures.get(eventIdOf(item));
      if (f?.retryable && f.status !== undefined && (f.status === 0 || f.status >= 500))
        item.sentAt = started;
      this.o.queues.settle(item, !failedSeqs.has(item.seq));
    }
    // The answer is in: the conversations' next events may go while Redis removes these from the outbox
    // (a takeover before that finds them again, and reads them back as in doubt: none goes twice).
    this.inFlight--;
    this.acking++;
    this.wake();
    await this.acknowledge(token, done);
    this.acking--;
    this.notifyIdle();
  }

  private finishRequest(): void {
    this.inFlight--;
    this.notifyIdle();
    this.wake();
  }

  private notifyIdle(): void {
    if (!this.inFlight && !this.readBacks && !this.acking) for (const r of this.idle.splice(0)) r();
  }

  private async acknowledge(token: number, seqs: number[]): Promise<void> {
    const all = this.unacked.concat(seqs);
    this.unacked = [];
    try {
      // Refused: fenced off, unless the lease changed hands meanwhile and came back to this instance
      // (a request of the previous term answered late): then the new term's state must stay.
      if (!(await this.o.ack(token, all)) && this.o.token() === token) this.o.onFenced();
    } catch (err) {
      this.unacked = all;
      this.o.logger.warn(
        { err: (err as Error).message, events: all.length },
        'outbox acknowledgement delayed',
      );
    }
  }
}

function eventIdOf(item: OutItem): string {
  return (item.tagged.event as { eventId?: string }).eventId ?? '';
}
