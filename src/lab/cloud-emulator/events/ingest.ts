// Batches of the Events API: request-level checks (shape, batch size) throw an ApiError for the whole
// request; each event is then checked on its own, in the order the emulator chose (events/order.ts), and
// the valid ones are applied.
import type { Models } from 'purecloud-platform-client-v2';
import type { AuditLog } from '../audit.ts';
import { badRequest } from '../errors.ts';
import { eventMs, isUuid, isUuidV4 } from '../ids.ts';
import type { Org } from '../state.ts';
import {
  CONVERSATION_ARRAYS,
  EMAIL_ARRAYS,
  applyConversationEvent,
  checkConversationEvent,
  type ConversationEventType,
} from './conversation-rules.ts';
import {
  CONVERSATION_FIELDS,
  PRESENCE_FIELDS,
  ROUTING_STATUS_FIELDS,
  fieldsProblem,
} from './event-fields.ts';
import { shuffled, type EventOrder } from './order.ts';
import {
  applyPresenceEvent,
  applyRoutingStatusEvent,
  checkPresenceEvent,
  checkRoutingStatusEvent,
} from './user-event-rules.ts';

/** What a repeated eventId gets: a per-event error (default) or silent absorption. */
export type DuplicateMode = 'reject' | 'absorb';
export const DUPLICATE_MODES: readonly DuplicateMode[] = ['reject', 'absorb'];

export interface IngestOptions {
  /** Events per request. */
  limit: number;
  /** Default 'strict': the arrays in a shuffled order (needs `random`); 'sorted': by eventDateTime. */
  order?: EventOrder;
  /** The seeded source of the strict order. */
  random?: () => number;
  duplicates?: DuplicateMode;
  /** Share of the events answered `retryable: true` and not applied (a fault preset). */
  retryableShare?: number;
  /** The source of the retryable draws (default Math.random). */
  faultRandom?: () => number;
}

export interface BatchOutcome {
  errors: Models.EventError[];
  accepted: number;
  rejected: number;
  duplicates: number;
  /** The array names in the order they were applied (strict order; empty when sorted). */
  order: string[];
}

type Ev = Record<string, unknown>;
const isObject = (v: unknown): v is Ev => typeof v === 'object' && v !== null && !Array.isArray(v);

function batchArrays(body: unknown, allowed: (key: string) => boolean, limit: number): [string, unknown[]][] {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object');
  const out: [string, unknown[]][] = [];
  let total = 0;
  for (const [key, value] of Object.entries(body)) {
    if (!allowed(key)) throw badRequest(`Unknown property "${key}" in the request body`, { property: key });
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) throw badRequest(`"${key}" must be an array`, { property: key });
    total += value.length;
    out.push([key, value]);
  }
  if (total > limit)
    throw badRequest(`A maximum of ${limit} events are allowed per request (got ${total})`, {
      limit: String(limit),
      count: String(total),
    });
  return out;
}

/** Shared per-event bookkeeping: eventId form, duplicates, injected retryable faults, audit, errors. */
class Batch {
  readonly out: BatchOutcome = { errors: [], accepted: 0, rejected: 0, duplicates: 0, order: [] };
  private readonly seen = new Set<string>();
  constructor(
    private readonly org: Org,
    private readonly audit: AuditLog,
    private readonly options: IngestOptions,
    /** Routing status says "A unique (UUID)"; presence and conversation events "(V4 UUID)". */
    private readonly v4: boolean,
  ) {}

  /** False when the event must not be checked further (rejected for its id, a duplicate, a fault). */
  admit(type: string, ev: unknown, conversationId?: string): ev is Ev {
    const raw = isObject(ev) ? ev.eventId : undefined;
    const id = typeof raw === 'string' ? raw : '';
    if (!(this.v4 ? isUuidV4(id) : isUuid(id))) {
      this.reject(
        type,
        id,
        `eventId must be a ${this.v4 ? 'version 4 ' : ''}UUID (got ${JSON.stringify(raw) ?? 'nothing'})`,
        conversationId,
      );
      return false;
    }
    if (this.org.eventIds.has(id) || this.seen.has(id)) {
      this.out.duplicates++;
      if (this.options.duplicates === 'absorb') {
        this.audit.event(type, id, 'duplicate', conversationId);
        return false;
      }
      const reason = `eventId ${id} was already received (duplicate events are rejected)`;
      this.out.errors.push({ eventId: id, message: reason, retryable: false });
      this.audit.event(type, id, 'duplicate', conversationId, reason);
      return false;
    }
    this.seen.add(id);
    const share = this.options.retryableShare ?? 0;
    if (share > 0 && (this.options.faultRandom ?? Math.random)() < share) {
      // Not applied and not remembered: the same eventId may (must) come again.
      this.seen.delete(id);
      const reason = 'Injected fault: the event could not be processed now; resubmit it';
      this.out.rejected++;
      this.out.errors.push({ eventId: id, message: reason, retryable: true });
      this.audit.event(type, id, 'rejected', conversationId, reason);
      return false;
    }
    return true;
  }

  accept(type: string, eventId: string, conversationId?: string): void {
    this.org.eventIds.add(eventId);
    this.out.accepted++;
    this.audit.event(type, eventId, 'accepted', conversationId);
  }

  reject(type: string, eventId: string, reason: string, conversationId?: string): void {
    this.out.rejected++;
    this.out.errors.push({ eventId, message: reason, retryable: false });
    this.audit.event(type, eventId, 'rejected', conversationId, reason);
  }
}

interface Item {
  type: ConversationEventType | 'email';
  rank: number;
  ev: unknown;
  ms: number;
  idx: number;
}

/** The items of the request in the order they are applied. */
function applyOrder(arrays: [string, unknown[]][], o: IngestOptions, out: BatchOutcome): Item[] {
  const items: Item[] = [];
  const strict = (o.order ?? 'strict') === 'strict';
  const ordered = strict ? shuffled(arrays, o.random ?? Math.random) : arrays;
  if (strict) out.order = ordered.map(([key]) => key);
  for (const [key, list] of ordered) {
    const spec = CONVERSATION_ARRAYS[key];
    for (const ev of list) {
      const ms = isObject(ev) ? eventMs(ev.eventDateTime) : NaN;
      items.push({ type: spec?.type ?? 'email', rank: spec?.rank ?? 0, ev, ms, idx: items.length });
    }
  }
  // Sorted (lenient) replay: time order (unparsable times first, they are rejected anyway), establishing
  // before answering before ending at the same instant.
  if (!strict) items.sort((a, b) => (a.ms || 0) - (b.ms || 0) || a.rank - b.rank || a.idx - b.idx);
  return items;
}

export function ingestConversationBatch(
  org: Org,
  audit: AuditLog,
  body: unknown,
  o: IngestOptions,
): BatchOutcome {
  const arrays = batchArrays(body, (k) => k in CONVERSATION_ARRAYS || EMAIL_ARRAYS.has(k), o.limit);
  const batch = new Batch(org, audit, o, true);
  for (const it of applyOrder(arrays, o, batch.out)) {
    const convId =
      isObject(it.ev) && typeof it.ev.conversationId === 'string' ? it.ev.conversationId : undefined;
    if (!batch.admit(it.type, it.ev, convId)) continue;
    const ev = it.ev as Ev;
    if (it.type === 'email') {
      batch.reject('email', ev.eventId as string, 'email events are not supported by the emulator', convId);
      continue;
    }
    const conv = convId ? org.conversations.get(convId) : undefined;
    const reason =
      fieldsProblem(
        ev,
        CONVERSATION_FIELDS[it.type],
        `${it.type[0]?.toUpperCase()}${it.type.slice(1)}Event`,
      ) ?? checkConversationEvent(org, it.type, ev, conv, it.ms);
    if (reason) batch.reject(it.type, ev.eventId as string, reason, convId);
    else {
      applyConversationEvent(org, it.type, ev, conv, it.ms);
      batch.accept(it.type, ev.eventId as string, convId);
    }
  }
  return batch.out;
}

interface UserEventKind {
  arrayName: string;
  type: string;
  model: string;
  fields: typeof PRESENCE_FIELDS;
  v4: boolean;
  check: (org: Org, ev: Ev, ms: number) => string | undefined;
  apply: (org: Org, ev: Ev, ms: number) => void;
}

function ingestUserBatch(
  org: Org,
  audit: AuditLog,
  body: unknown,
  o: IngestOptions,
  k: UserEventKind,
): BatchOutcome {
  const arrays = batchArrays(body, (key) => key === k.arrayName, o.limit);
  const items = applyOrder(arrays, o, { errors: [], accepted: 0, rejected: 0, duplicates: 0, order: [] });
  const batch = new Batch(org, audit, o, k.v4);
  for (const it of items) {
    if (!batch.admit(k.type, it.ev)) continue;
    const ev = it.ev as Ev;
    const reason = fieldsProblem(ev, k.fields, k.model) ?? k.check(org, ev, it.ms);
    if (reason) batch.reject(k.type, ev.eventId as string, reason);
    else {
      k.apply(org, ev, it.ms);
      batch.accept(k.type, ev.eventId as string);
    }
  }
  return batch.out;
}

export const ingestPresenceBatch = (
  org: Org,
  audit: AuditLog,
  body: unknown,
  o: IngestOptions,
): BatchOutcome =>
  ingestUserBatch(org, audit, body, o, {
    arrayName: 'userPresenceEvents',
    type: 'userPresence',
    model: 'UserPresenceEvent',
    fields: PRESENCE_FIELDS,
    v4: true,
    check: checkPresenceEvent,
    apply: applyPresenceEvent,
  });

export const ingestRoutingStatusBatch = (
  org: Org,
  audit: AuditLog,
  body: unknown,
  o: IngestOptions,
): BatchOutcome =>
  ingestUserBatch(org, audit, body, o, {
    arrayName: 'userRoutingStatusEvents',
    type: 'userRoutingStatus',
    model: 'UserRoutingStatusEvent',
    fields: ROUTING_STATUS_FIELDS,
    v4: false,
    check: checkRoutingStatusEvent,
    apply: applyRoutingStatusEvent,
  });
