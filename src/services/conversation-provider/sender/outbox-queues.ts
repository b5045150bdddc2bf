// The outbox as the sender sees it: one FIFO per conversation, and which conversations have a request
// in flight. A request takes from each conversation its head, and the events after it only while their
// order provably does not matter (cloud/event-commute.ts); a conversation's next events are offered
// only once the request carrying the previous ones was answered: nothing relies on the API keeping the
// order of events inside one request, or between requests. A head in doubt (sentAt) is only offered to
// be read back, never sent as it is.
import type { TaggedConversationEvent } from '../../../cloud/areas/events.ts';
import { mayJoin } from '../../../cloud/event-commute.ts';

export interface OutItem {
  /** Outbox sequence number (the Redis hash field), acknowledged once answered. */
  seq: number;
  conversationId: string;
  callUuid: string;
  tagged: TaggedConversationEvent;
  /** The T-Lib event time of the event that produced it (ms), for the latency histogram. */
  eventTimeMs: number;
  /**
   * In doubt: a request carrying it went out at this time (ms) and its answer was lost (the sender died,
   * or the request failed ambiguously). It is not sent again before the conversation was read back.
   */
  sentAt?: number;
  /** The request it went out in (one answer decides for all its events). */
  request?: string;
  /** Where its time went, for events this instance derived (not those loaded after a takeover). */
  trace?: EventTrace;
}

/** When an event passed each hop (epoch ms). */
export interface EventTrace {
  /** The T-Lib event was received by the instance that appended it to the inbox first. */
  receivedAt: number;
  /** The processor committed the event to the outbox. */
  committedAt: number;
  /** Its request started (marking it as on its way, then the Events API request). */
  requestAt?: number;
}

/** The hops of an event's latency, in the order it passes them (`exec_excp_stage_seconds`). */
export const STAGES = ['received', 'processed', 'queued', 'sent'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * An accepted event's latency by hop (ms): T-Lib event time → received (the link, and the clock offset
 * between the SIP Server and this host); → committed (the re-ordering window, the inbox read, the
 * tracker, the commit); → its request started (waiting for the conversation's previous request or a
 * request slot); → accepted (marked in Redis, the Events API request). Undefined without a trace.
 */
export function stagesOf(item: OutItem, acceptedAt: number): Record<Stage, number> | undefined {
  const t = item.trace;
  if (!t || t.requestAt === undefined || !item.eventTimeMs) return undefined;
  return {
    received: t.receivedAt - item.eventTimeMs,
    processed: t.committedAt - t.receivedAt,
    queued: t.requestAt - t.committedAt,
    sent: acceptedAt - t.requestAt,
  };
}

export class OutboxQueues {
  // Map order is the order conversations got their current head: oldest first, so none starves.
  private readonly queues = new Map<string, OutItem[]>();
  /** Conversations with events in flight, and how many. */
  private readonly busy = new Map<string, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get conversations(): number {
    return this.queues.size;
  }

  add(items: readonly OutItem[]): void {
    for (const item of items) {
      const q = this.queues.get(item.conversationId);
      if (q) q.push(item);
      else this.queues.set(item.conversationId, [item]);
      this.count++;
    }
  }

  /**
   * Up to `limit` events of conversations with nothing in flight, oldest first: each one's head and the
   * events after it that may share its request; marks them in flight.
   */
  take(limit: number): OutItem[] {
    const out: OutItem[] = [];
    for (const [conversationId, q] of this.queues) {
      if (out.length >= limit) break;
      const head = q[0];
      if (this.busy.has(conversationId) || !head || head.sentAt !== undefined) continue;
      const group = [head.tagged];
      out.push(head);
      for (let i = 1; i < q.length && out.length < limit; i++) {
        const next = q[i]!;
        if (next.sentAt !== undefined || !mayJoin(group, next.tagged)) break;
        group.push(next.tagged);
        out.push(next);
      }
      this.busy.set(conversationId, group.length);
    }
    return out;
  }

  /** Heads in doubt whose request went out before `sentBefore` (ms), to read back; marks them in flight. */
  takeInDoubt(limit: number, sentBefore: number): OutItem[] {
    return this.heads(limit, (head) => head.sentAt !== undefined && head.sentAt < sentBefore);
  }

  /** The earliest time a head in doubt was sent (ms), if any waits. */
  oldestInDoubt(): number | undefined {
    let min: number | undefined;
    for (const [conversationId, q] of this.queues) {
      const t = q[0]?.sentAt;
      if (t !== undefined && !this.busy.has(conversationId) && (min === undefined || t < min)) min = t;
    }
    return min;
  }

  private heads(limit: number, fits: (head: OutItem) => boolean): OutItem[] {
    const out: OutItem[] = [];
    for (const [conversationId, q] of this.queues) {
      if (out.length >= limit) break;
      if (this.busy.has(conversationId)) continue;
      const head = q[0];
      if (!head || !fits(head)) continue;
      this.busy.set(conversationId, 1);
      out.push(head);
    }
    return out;
  }

  /** The request carrying `item` was answered: drop it (`done`) or keep it in place (to retry). */
  settle(item: OutItem, done: boolean): void {
    const left = (this.busy.get(item.conversationId) ?? 1) - 1;
    if (left > 0) this.busy.set(item.conversationId, left);
    else this.busy.delete(item.conversationId);
    if (!done) return;
    const q = this.queues.get(item.conversationId);
    const at = q ? q.findIndex((i) => i.seq === item.seq) : -1;
    if (!q || at < 0) return;
    q.splice(at, 1);
    this.count--;
    if (at > 0) return;
    // Re-inserted at the end when it gets a new head: the conversations waiting longer go first.
    this.queues.delete(item.conversationId);
    if (q.length) this.queues.set(item.conversationId, q);
  }

  /** Anything to offer right now (a conversation with a head not in doubt and nothing in flight)? */
  ready(): boolean {
    for (const [conversationId, q] of this.queues)
      if (q[0] && q[0].sentAt === undefined && !this.busy.has(conversationId)) return true;
    return false;
  }

  clear(): void {
    this.queues.clear();
    this.busy.clear();
    this.count = 0;
  }
}
