// The outbox as the sender sees it: one FIFO per conversation, and which conversations have a request
// in flight. A request takes at most one event per conversation (the head of each queue), and a
// conversation's next event is offered only once the request carrying its previous one was answered:
// nothing relies on the API keeping the order of events inside one request, or between requests. A head
// in doubt (sentAt) is only offered to be read back, never sent as it is.
import type { TaggedConversationEvent } from '../../../cloud/areas/events.ts';

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
}

export class OutboxQueues {
  // Map order is the order conversations got their current head: oldest first, so none starves.
  private readonly queues = new Map<string, OutItem[]>();
  private readonly busy = new Set<string>();
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

  /** Heads of up to `limit` conversations with nothing in flight, oldest first; marks them in flight. */
  take(limit: number): OutItem[] {
    return this.heads(limit, (head) => head.sentAt === undefined);
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
      this.busy.add(conversationId);
      out.push(head);
    }
    return out;
  }

  /** The request carrying `item` was answered: drop it (`done`) or keep it at the head (to retry). */
  settle(item: OutItem, done: boolean): void {
    this.busy.delete(item.conversationId);
    if (!done) return;
    const q = this.queues.get(item.conversationId);
    if (!q || q[0]?.seq !== item.seq) return;
    q.shift();
    this.count--;
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
