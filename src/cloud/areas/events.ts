// The Events API: user presence, user routing status and conversation events, in batches of at most
// `eventsBatchLimit`. Each event is judged on its own: the failed ones come back as per-event errors with
// `retryable`, so a caller re-sends only those. A batch whose whole request failed (after the transport's
// retries) comes back the same way, one error per event. Every event carries a deterministic eventId
// (eventIdFor); whether the API de-duplicates a repeated one is not public, so a re-send is only made
// for what failed (and a re-sent batch after an ambiguous failure may be answered with errors for
// events that were in fact applied).
import type { Models } from 'purecloud-platform-client-v2';
import { chunk } from '../bulk.ts';
import { CloudApiError } from '../errors.ts';
import { mayJoin } from '../event-commute.ts';
import type { AreaContext } from './context.ts';

const area = 'events';

export type ConversationEventKind = keyof Models.BatchConversationEventRequest;
export type ConversationEventOf<K extends ConversationEventKind> = NonNullable<
  Models.BatchConversationEventRequest[K]
>[number];
/** One conversation event with the name of the batch array it belongs in (`communicationAnsweredEvents`, …). */
export type TaggedConversationEvent = {
  [K in ConversationEventKind]: { kind: K; event: ConversationEventOf<K> };
}[ConversationEventKind];

export interface EventFailure {
  eventId: string;
  message: string;
  retryable: boolean;
  /** Set when the whole request of the event's batch failed: its HTTP status (0 = no response) and code. */
  status?: number;
  code?: string;
  correlationId?: string | undefined;
}

export interface EventSendResult {
  /** Events submitted (accepted = submitted − errors). */
  submitted: number;
  /** Calls made. */
  batches: number;
  errors: EventFailure[];
}

/** The tagged, ordered form of a grouped request (arrays in the order the SDK declares them). */
export function flattenConversationBatch(
  batch: Models.BatchConversationEventRequest,
): TaggedConversationEvent[] {
  const out: TaggedConversationEvent[] = [];
  for (const [kind, events] of Object.entries(batch) as [ConversationEventKind, unknown[] | undefined][]) {
    for (const event of events ?? []) out.push({ kind, event } as TaggedConversationEvent);
  }
  return out;
}

/**
 * Splits an ordered stream into requests: the API groups a request's events by type and says nothing
 * about the order it applies them in, so two events of one conversation share a request only when
 * their order provably does not matter (event-commute.ts). Otherwise event k of a conversation goes in a
 * later request than its event k-1. Requests fill up to `limit` across conversations.
 */
export function conversationRequests(
  events: readonly TaggedConversationEvent[],
  limit: number,
): TaggedConversationEvent[][] {
  const requests: TaggedConversationEvent[][] = [];
  /** Per conversation: the request holding its latest events, and those events (its group there). */
  const lastOf = new Map<string, { at: number; group: TaggedConversationEvent[] }>();
  /** The first request that may still have room (all before it are full). */
  let open = 0;
  for (const e of events) {
    const conv = (e.event as { conversationId?: string }).conversationId ?? '';
    const last = lastOf.get(conv);
    let i: number;
    if (last && (requests[last.at]?.length ?? 0) < limit && mayJoin(last.group, e)) {
      i = last.at;
      last.group.push(e);
    } else {
      i = Math.max(open, (last?.at ?? -1) + 1);
      while ((requests[i]?.length ?? 0) >= limit) i++;
      lastOf.set(conv, { at: i, group: [e] });
    }
    (requests[i] ??= []).push(e);
    while ((requests[open]?.length ?? 0) >= limit) open++;
  }
  return requests;
}

/** Groups tagged events into one request, keeping their relative order within each array. */
export function toConversationBatch(
  events: readonly TaggedConversationEvent[],
): Models.BatchConversationEventRequest {
  const batch: Record<string, unknown[]> = {};
  for (const e of events) (batch[e.kind] ??= []).push(e.event);
  return batch as Models.BatchConversationEventRequest;
}

export function eventsArea(ctx: AreaContext) {
  const t = ctx.transport;

  async function sendBatches<E>(
    path: string,
    parts: readonly E[][],
    idOf: (e: E) => string,
    body: (part: E[]) => unknown,
    o: { caller?: string | undefined; slotTaken?: boolean | undefined; idempotent: boolean },
  ): Promise<EventSendResult> {
    const result: EventSendResult = { submitted: 0, batches: 0, errors: [] };
    // One request after the other: a later one may hold the next event of a conversation.
    for (const [i, part] of parts.entries()) {
      result.submitted += part.length;
      result.batches++;
      try {
        const res = await t.call<Models.BatchEventResponse | undefined>({
          area,
          method: 'POST',
          path,
          body: body(part),
          idempotent: o.idempotent,
          caller: o.caller,
          slotTaken: i === 0 && o.slotTaken === true,
        });
        for (const e of res?.errors ?? []) {
          result.errors.push({
            eventId: e.eventId ?? '',
            message: e.message ?? 'rejected',
            retryable: e.retryable === true,
          });
        }
      } catch (err) {
        if (!(err instanceof CloudApiError)) throw err;
        for (const e of part) {
          result.errors.push({
            eventId: idOf(e),
            message: err.apiMessage,
            retryable: err.retryable,
            status: err.status,
            code: err.code,
            correlationId: err.correlationId,
          });
        }
      }
    }
    return result;
  }

  return {
    presence(
      events: readonly Models.UserPresenceEvent[],
      o: { caller?: string } = {},
    ): Promise<EventSendResult> {
      return sendBatches(
        '/api/v2/events/users/presence',
        chunk(events, ctx.eventsBatchLimit),
        (e) => e.eventId,
        (part): Models.BatchUserPresenceEventRequest => ({ userPresenceEvents: part }),
        { caller: o.caller, idempotent: true },
      );
    },
    routingStatus(
      events: readonly Models.UserRoutingStatusEvent[],
      o: { caller?: string } = {},
    ): Promise<EventSendResult> {
      return sendBatches(
        '/api/v2/events/users/routingstatus',
        chunk(events, ctx.eventsBatchLimit),
        (e) => e.eventId,
        (part): Models.BatchUserRoutingStatusEventRequest => ({ userRoutingStatusEvents: part }),
        { caller: o.caller, idempotent: true },
      );
    },
    /**
     * Conversation events, in the order given (a grouped request is flattened array by array); two events
     * of one conversation share a request only when their order provably does not matter
     * (conversationRequests).
     */
    conversations(
      events: readonly TaggedConversationEvent[] | Models.BatchConversationEventRequest,
      o: { caller?: string; slotTaken?: boolean } = {},
    ): Promise<EventSendResult> {
      const list = Array.isArray(events)
        ? (events as readonly TaggedConversationEvent[])
        : flattenConversationBatch(events as Models.BatchConversationEventRequest);
      return sendBatches(
        '/api/v2/events/conversations',
        conversationRequests(list, ctx.eventsBatchLimit),
        (e) => (e.event as { eventId?: string }).eventId ?? '',
        toConversationBatch,
        // Not repeated by the transport after an ambiguous failure (timeout, 5xx): whether the API drops a
        // repeated eventId is not public, so the caller decides (the conversation provider reads back).
        { caller: o.caller, slotTaken: o.slotTaken, idempotent: false },
      );
    },
  };
}

export type EventsApi = ReturnType<typeof eventsArea>;
