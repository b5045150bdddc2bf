// Sends the outbox to the Events API: requests filled across conversations (one event of each, up to the
// batch limit), as many in flight as allowed, each event acknowledged in Redis once its request was
// answered. Retryable failures stay at the head of their conversation and go again after a backoff
// (a Genesys Cloud outage only makes them wait); non-retryable ones are logged with the event, counted
// and dropped. Only the lease holder sends, and only while its fencing token is current.
import type { EventFailure, EventSendResult, TaggedConversationEvent } from '../../../cloud/areas/events.ts';
import type { Logger } from '../../../core/logger.ts';
import type { OutboxQueues, OutItem } from './outbox-queues.ts';

export interface SenderHooks {
  accepted(item: OutItem, now: number): void;
  rejected(item: OutItem, failure: EventFailure): void;
  retried(item: OutItem, failure: EventFailure): void;
  request(events: number, ms: number, ok: boolean): void;
}

export interface SenderOptions {
  queues: OutboxQueues;
  send(events: TaggedConversationEvent[]): Promise<EventSendResult>;
  /** Removes answered events from the outbox under the token; false when fenced off. */
  ack(token: number, seqs: number[]): Promise<boolean>;
  /** The current fencing token, 0 when this instance must not send. */
  token(): number;
  /** When the next request may start without waiting in the limiter (epoch ms); fills requests meanwhile. */
  nextFreeAt?(): number;
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
    this.timer = undefined;
  }

  /** Resolves when no request is in flight. */
  settled(): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Something changed (new events, an answer, a new lease): send what can be sent. */
  wake(): void {
    if (!this.running || this.timer) return;
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
      if (!token) return;
      const items = this.o.queues.take(this.o.batchLimit);
      if (!items.length) return;
      this.inFlight++;
      void this.request(token, items);
      // A limited budget: one request now, and the next one filled with what arrives meanwhile.
      if (this.o.nextFreeAt && this.o.nextFreeAt() > Date.now()) {
        this.wake();
        return;
      }
    }
  }

  private async request(token: number, items: OutItem[]): Promise<void> {
    const started = Date.now();
    let result: EventSendResult;
    try {
      result = await this.o.send(items.map((i) => i.tagged));
    } catch (err) {
      // Not an API answer (a bug or a network failure the client did not classify): retry later.
      const message = (err as Error).message;
      result = {
        submitted: items.length,
        batches: 1,
        errors: items.map((i) => ({ eventId: eventIdOf(i), message, retryable: true })),
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
    for (const item of items) this.o.queues.settle(item, !failedSeqs.has(item.seq));
    await this.acknowledge(token, done);
    this.inFlight--;
    if (!this.inFlight) for (const r of this.idle.splice(0)) r();
    this.wake();
  }

  private async acknowledge(token: number, seqs: number[]): Promise<void> {
    const all = this.unacked.concat(seqs);
    this.unacked = [];
    try {
      if (!(await this.o.ack(token, all))) this.o.onFenced();
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
