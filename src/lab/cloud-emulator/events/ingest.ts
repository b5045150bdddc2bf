// Batches of the Events API: request-level checks (shape, batch size) throw an ApiError for the whole
// request; each event is then checked on its own, in time order, and the valid ones are applied.
import type { Models } from 'purecloud-platform-client-v2';
import type { AuditLog } from '../audit.ts';
import { badRequest } from '../errors.ts';
import { isoMs, isUuid } from '../ids.ts';
import type { Org } from '../state.ts';
import {
  CONVERSATION_ARRAYS,
  EMAIL_ARRAYS,
  applyConversationEvent,
  checkConversationEvent,
  type ConversationEventType,
} from './conversation-rules.ts';
import {
  applyPresenceEvent,
  applyRoutingStatusEvent,
  checkPresenceEvent,
  checkRoutingStatusEvent,
} from './user-event-rules.ts';

export interface BatchOutcome {
  errors: Models.EventError[];
  accepted: number;
  rejected: number;
  duplicates: number;
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

/** Shared per-event bookkeeping: eventId form, duplicates, audit, the errors list. */
class Batch {
  readonly out: BatchOutcome = { errors: [], accepted: 0, rejected: 0, duplicates: 0 };
  constructor(
    private readonly org: Org,
    private readonly audit: AuditLog,
  ) {}

  /** False when the event must not be checked further (rejected for its id, or a duplicate). */
  admit(type: string, ev: unknown, conversationId?: string): ev is Ev {
    const id = isObject(ev) ? ev.eventId : undefined;
    if (!isUuid(id)) {
      this.reject(
        type,
        typeof id === 'string' ? id : '',
        `eventId must be a UUID (got ${JSON.stringify(id) ?? 'nothing'})`,
        conversationId,
      );
      return false;
    }
    if (this.org.eventIds.has(id)) {
      this.out.duplicates++;
      this.audit.event(type, id, 'duplicate', conversationId);
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

export function ingestConversationBatch(
  org: Org,
  audit: AuditLog,
  body: unknown,
  limit: number,
): BatchOutcome {
  const arrays = batchArrays(body, (k) => k in CONVERSATION_ARRAYS || EMAIL_ARRAYS.has(k), limit);
  const items: Item[] = [];
  for (const [key, list] of arrays) {
    const spec = CONVERSATION_ARRAYS[key];
    for (const ev of list) {
      const ms = isObject(ev) ? isoMs(ev.eventDateTime) : NaN;
      items.push({ type: spec?.type ?? 'email', rank: spec?.rank ?? 0, ev, ms, idx: items.length });
    }
  }
  // The arrays group events by type, not time: replay them in time order (unparsable times first,
  // they are rejected anyway), establishing before answering before ending at the same instant.
  items.sort((a, b) => (a.ms || 0) - (b.ms || 0) || a.rank - b.rank || a.idx - b.idx);
  const batch = new Batch(org, audit);
  for (const it of items) {
    const convId =
      isObject(it.ev) && typeof it.ev.conversationId === 'string' ? it.ev.conversationId : undefined;
    if (!batch.admit(it.type, it.ev, convId)) continue;
    const ev = it.ev as Ev;
    if (it.type === 'email') {
      batch.reject('email', ev.eventId as string, 'email events are not supported by the emulator', convId);
      continue;
    }
    const conv = convId ? org.conversations.get(convId) : undefined;
    const reason = checkConversationEvent(org, it.type, ev, conv, it.ms);
    if (reason) batch.reject(it.type, ev.eventId as string, reason, convId);
    else {
      applyConversationEvent(org, it.type, ev, conv, it.ms);
      batch.accept(it.type, ev.eventId as string, convId);
    }
  }
  return batch.out;
}

function ingestUserBatch(
  org: Org,
  audit: AuditLog,
  body: unknown,
  limit: number,
  arrayName: string,
  type: string,
  check: (org: Org, ev: Ev, ms: number) => string | undefined,
  apply: (org: Org, ev: Ev, ms: number) => void,
): BatchOutcome {
  const arrays = batchArrays(body, (k) => k === arrayName, limit);
  const items = (arrays[0]?.[1] ?? []).map((ev, idx) => ({
    ev,
    idx,
    ms: isObject(ev) ? isoMs(ev.eventDateTime) : NaN,
  }));
  items.sort((a, b) => (a.ms || 0) - (b.ms || 0) || a.idx - b.idx);
  const batch = new Batch(org, audit);
  for (const it of items) {
    if (!batch.admit(type, it.ev)) continue;
    const ev = it.ev as Ev;
    const reason = check(org, ev, it.ms);
    if (reason) batch.reject(type, ev.eventId as string, reason);
    else {
      apply(org, ev, it.ms);
      batch.accept(type, ev.eventId as string);
    }
  }
  return batch.out;
}

export const ingestPresenceBatch = (org: Org, audit: AuditLog, body: unknown, limit: number): BatchOutcome =>
  ingestUserBatch(
    org,
    audit,
    body,
    limit,
    'userPresenceEvents',
    'userPresence',
    checkPresenceEvent,
    applyPresenceEvent,
  );

export const ingestRoutingStatusBatch = (
  org: Org,
  audit: AuditLog,
  body: unknown,
  limit: number,
): BatchOutcome =>
  ingestUserBatch(
    org,
    audit,
    body,
    limit,
    'userRoutingStatusEvents',
    'userRoutingStatus',
    checkRoutingStatusEvent,
    applyRoutingStatusEvent,
  );
