// The Events API: user presence, user routing status and conversation events, in batches of at most
// `eventsBatchLimit`. Each event is judged on its own: the failed ones come back as per-event errors with
// `retryable`, so a caller re-sends only those. A batch whose whole request failed (after the transport's
// retries) comes back the same way, one error per event. Re-sending is safe: every event carries a
// deterministic eventId (eventIdFor) and the API accepts a repeated id once.
import type { Models } from 'purecloud-platform-client-v2';
import { chunk } from '../bulk.ts';
import { CloudApiError } from '../errors.ts';
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
    events: readonly E[],
    idOf: (e: E) => string,
    body: (part: E[]) => unknown,
    caller: string | undefined,
  ): Promise<EventSendResult> {
    const result: EventSendResult = { submitted: events.length, batches: 0, errors: [] };
    // One batch after the other: events of one conversation must arrive in order.
    for (const part of chunk(events, ctx.eventsBatchLimit)) {
      result.batches++;
      try {
        const res = await t.call<Models.BatchEventResponse | undefined>({
          area,
          method: 'POST',
          path,
          body: body(part),
          idempotent: true,
          caller,
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
        events,
        (e) => e.eventId,
        (part): Models.BatchUserPresenceEventRequest => ({ userPresenceEvents: part }),
        o.caller,
      );
    },
    routingStatus(
      events: readonly Models.UserRoutingStatusEvent[],
      o: { caller?: string } = {},
    ): Promise<EventSendResult> {
      return sendBatches(
        '/api/v2/events/users/routingstatus',
        events,
        (e) => e.eventId,
        (part): Models.BatchUserRoutingStatusEventRequest => ({ userRoutingStatusEvents: part }),
        o.caller,
      );
    },
    /** Conversation events, in the order given (a grouped request is flattened array by array). */
    conversations(
      events: readonly TaggedConversationEvent[] | Models.BatchConversationEventRequest,
      o: { caller?: string } = {},
    ): Promise<EventSendResult> {
      const list = Array.isArray(events)
        ? (events as readonly TaggedConversationEvent[])
        : flattenConversationBatch(events as Models.BatchConversationEventRequest);
      return sendBatches(
        '/api/v2/events/conversations',
        list,
        (e) => (e.event as { eventId?: string }).eventId ?? '',
        toConversationBatch,
        o.caller,
      );
    },
  };
}

export type EventsApi = ReturnType<typeof eventsArea>;
