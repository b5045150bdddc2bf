// Each rule of POST /api/v2/events/conversations rejects what it should (retryable: false) and the rest of
// its batch is still accepted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { ApiError } from '../errors.ts';
import { AuditLog } from '../audit.ts';
import { ingestConversationBatch, type IngestOptions } from './ingest.ts';
import { seededRandom } from './order.ts';
import { answeredCall, fixtureOrg, type Batch, type CallIds, type Fixture } from './test-fixtures.ts';

type Ids = CallIds & { cmd?: string };
interface Row {
  rule: string;
  /** The bad event: [array name, event]. `live` has C2/Q2/A2 connected, A2 answered, not ended. */
  bad: (f: Fixture, done: Ids, live: Ids) => [string, Record<string, unknown>];
  reason: RegExp;
}

/** The lenient replay (every event in time order), which these per-rule tests assume. */
const SORTED: IngestOptions = { limit: 100, order: 'sorted' };
const T0 = Date.parse('2026-01-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (conversationId: string, s = 200) => ({
  eventId: randomUUID(),
  eventDateTime: at(s),
  conversationId,
});
const established = (f: Fixture, conversationId: string, extra: Record<string, unknown> = {}) => ({
  ...ev(conversationId),
  communicationId: randomUUID(),
  initialConfiguration: { alerting: false },
  sourceConfiguration: { sourceId: f.sourceId, interactionId: 'x-1' },
  ...extra,
});

const rows: Row[] = [
  {
    rule: 'eventId in UUID form',
    bad: (f, d) => [
      'communicationAnsweredEvents',
      { ...ev(d.conversationId), eventId: 'E-1', communicationId: d.A },
    ],
    reason: /eventId must be a version 4 UUID/,
  },
  {
    rule: 'eventId a version 4 UUID (not the nil UUID)',
    bad: (f, d) => [
      'communicationAnsweredEvents',
      { ...ev(d.conversationId), eventId: '00000000-0000-0000-0000-000000000000', communicationId: d.A },
    ],
    reason: /version 4 UUID/,
  },
  {
    rule: 'no unknown property (a misspelt optional field)',
    bad: (f, d) => ['communicationAnsweredEvents', { ...ev(d.conversationId), communicationID: d.A }],
    reason:
      /invalid\.property: Value \[communicationID\] is not a valid property for object \[CommunicationAnsweredEvent\]/,
  },
  {
    rule: 'optional fields type-checked (ani a string)',
    bad: (f) => ['externalEstablishedEvents', established(f, randomUUID(), { ani: 5551234 })],
    reason: /ani must be a string/,
  },
  {
    rule: 'optional nested fields type-checked (initialConfiguration.inbound a boolean)',
    bad: (f) => [
      'externalEstablishedEvents',
      established(f, randomUUID(), { initialConfiguration: { inbound: 'yes' } }),
    ],
    reason: /initialConfiguration\.inbound must be true or false/,
  },
  {
    rule: 'additionalInfo a map of strings',
    bad: (f) => [
      'externalEstablishedEvents',
      established(f, randomUUID(), { initialConfiguration: { additionalInfo: { n: 1 } } }),
    ],
    reason: /additionalInfo must be an object of string values/,
  },
  {
    rule: 'tags an array of strings',
    bad: (f, d) => [
      'communicationDispositionAppliedEvents',
      { ...ev(d.conversationId, 90), communicationId: d.A, tags: [1] },
    ],
    reason: /tags must be an array of strings/,
  },
  {
    rule: 'conversationId in UUID form',
    bad: (f) => ['externalEstablishedEvents', established(f, 'conv-1')],
    reason: /conversationId must be a UUID/,
  },
  {
    rule: 'eventDateTime in the documented format',
    bad: (f, d, l) => [
      'holdUpdatedEvents',
      {
        ...ev(l.conversationId),
        eventDateTime: '2026-01-01T10:03:20+00:00',
        communicationId: l.A,
        held: true,
      },
    ],
    reason: /yyyy-MM-ddTHH:mm:ss\[\.mmm\]Z/,
  },
  {
    rule: 'communicationId in UUID form',
    bad: (f) => ['externalEstablishedEvents', established(f, randomUUID(), { communicationId: 'c1' })],
    reason: /communicationId must be a UUID/,
  },
  {
    rule: 'known source',
    bad: (f) => [
      'externalEstablishedEvents',
      established(f, randomUUID(), { sourceConfiguration: { sourceId: randomUUID(), interactionId: 'x' } }),
    ],
    reason: /not a known presence source/,
  },
  {
    rule: 'interactionId required',
    bad: (f) => [
      'externalEstablishedEvents',
      established(f, randomUUID(), { sourceConfiguration: { sourceId: f.sourceId } }),
    ],
    reason: /interactionId is required/,
  },
  {
    rule: 'initialConfiguration required',
    bad: (f) => ['phoneEstablishedEvents', established(f, randomUUID(), { initialConfiguration: undefined })],
    reason: /initialConfiguration is required/,
  },
  {
    rule: 'known queue',
    bad: (f) => ['routingEstablishedEvents', established(f, randomUUID(), { queueId: randomUUID() })],
    reason: /not a known queue/,
  },
  {
    rule: 'queue id in UUID form',
    bad: (f) => ['routingEstablishedEvents', established(f, randomUUID(), { queueId: 'VQ_Sales' })],
    reason: /queueId must be a UUID/,
  },
  {
    rule: 'known skills',
    bad: (f) => [
      'routingEstablishedEvents',
      established(f, randomUUID(), { queueId: f.queueId, skillIds: [randomUUID()] }),
    ],
    reason: /not a known skill/,
  },
  {
    rule: 'known user',
    bad: (f) => ['userEstablishedEvents', established(f, randomUUID(), { userId: randomUUID() })],
    reason: /not a known user/,
  },
  {
    rule: 'communication established once',
    bad: (f, d) => [
      'userEstablishedEvents',
      established(f, d.conversationId, { communicationId: d.A, userId: f.userId }),
    ],
    reason: /already exists/,
  },
  {
    rule: 'invitedBy is a communication of the conversation',
    bad: (f, d) => [
      'userEstablishedEvents',
      established(f, d.conversationId, {
        userId: f.userId,
        initialConfiguration: { invitedBy: randomUUID() },
      }),
    ],
    reason: /invitedBy .* is not a communication/,
  },
  {
    rule: 'conversation exists before other events',
    bad: () => ['communicationAnsweredEvents', { ...ev(randomUUID()), communicationId: randomUUID() }],
    reason: /does not exist/,
  },
  {
    rule: 'communication exists before it is answered',
    bad: (f, d) => [
      'communicationAnsweredEvents',
      { ...ev(d.conversationId), communicationId: randomUUID() },
    ],
    reason: /is not a communication of conversation/,
  },
  {
    rule: 'answered once',
    bad: (f, d, l) => ['communicationAnsweredEvents', { ...ev(l.conversationId), communicationId: l.A }],
    reason: /already answered/,
  },
  {
    rule: 'no hold after the end',
    bad: (f, d) => ['holdUpdatedEvents', { ...ev(d.conversationId), communicationId: d.A, held: true }],
    reason: /already ended/,
  },
  {
    rule: 'held is a boolean',
    bad: (f, d, l) => ['holdUpdatedEvents', { ...ev(l.conversationId), communicationId: l.A, held: 'yes' }],
    reason: /held must be/,
  },
  {
    rule: 'audioState required',
    bad: (f, d, l) => ['audioUpdatedEvents', { ...ev(l.conversationId), communicationId: l.A }],
    reason: /audioState is required/,
  },
  {
    rule: 'ended once',
    bad: (f, d) => [
      'communicationEndedEvents',
      { ...ev(d.conversationId), communicationId: d.C, disconnectType: 'Self' },
    ],
    reason: /already ended/,
  },
  {
    rule: 'disconnectType from the enum',
    bad: (f, d, l) => [
      'communicationEndedEvents',
      { ...ev(l.conversationId), communicationId: l.C, disconnectType: 'Hangup' },
    ],
    reason: /disconnectType must be one of/,
  },
  {
    rule: 'times never run backwards',
    bad: (f, d, l) => ['holdUpdatedEvents', { ...ev(l.conversationId, 1), communicationId: l.A, held: true }],
    reason: /runs backwards/,
  },
  {
    rule: 'dispositioned once',
    bad: (f, d) => [
      'communicationDispositionAppliedEvents',
      { ...ev(d.conversationId), communicationId: d.A, code: f.wrapupCodeId },
    ],
    reason: /already dispositioned/,
  },
  {
    rule: 'known wrap-up code',
    bad: (f, d, l) => [
      'communicationDispositionAppliedEvents',
      { ...ev(l.conversationId), communicationId: l.A, code: randomUUID() },
    ],
    reason: /not a known wrap-up code/,
  },
  {
    rule: 'only user communications wrap up',
    bad: (f, d, l) => [
      'communicationDispositionAppliedEvents',
      { ...ev(l.conversationId), communicationId: l.C },
    ],
    reason: /not a user communication/,
  },
  {
    rule: 'transferType from the enum',
    bad: (f, d, l) => ['routingTransferEvents', transfer(f, l, { transferType: 'Blind' })],
    reason: /transferType/,
  },
  {
    rule: 'transfer to a known queue',
    bad: (f, d, l) => ['routingTransferEvents', transfer(f, l, { destinationQueueId: randomUUID() })],
    reason: /destinationQueueId .* not a known queue/,
  },
  {
    rule: 'transfer to a known user',
    bad: (f, d, l) => [
      'userTransferEvents',
      transfer(f, l, { destinationQueueId: undefined, destinationUserId: randomUUID() }),
    ],
    reason: /destinationUserId .* not a known user/,
  },
  {
    rule: 'transfer of a live object',
    bad: (f, d) => [
      'phoneTransferEvents',
      transfer(f, d, { destinationQueueId: undefined, destinationPhoneNumber: '+1555' }),
    ],
    reason: /has already ended/,
  },
  {
    rule: 'progress of a started transfer',
    bad: (f, d, l) => [
      'progressTransferEvents',
      {
        ...ev(l.conversationId),
        commandId: randomUUID(),
        objectCommunicationId: l.C,
        destinationCommunicationId: l.Q,
      },
    ],
    reason: /has no transfer event before it/,
  },
  {
    rule: 'finalState from the enum',
    bad: (f, d, l) => [
      'endTransferEvents',
      { ...ev(l.conversationId), commandId: l.cmd, objectCommunicationId: l.C, finalState: 'Done' },
    ],
    reason: /finalState/,
  },
  {
    rule: 'consult between communications of the conversation',
    bad: (f, d, l) => [
      'consultTransferEvents',
      {
        ...ev(l.conversationId),
        initiatingCommunicationId: l.A,
        destinationCommunicationId: randomUUID(),
        objectCommunicationId: l.C,
      },
    ],
    reason: /destinationCommunicationId .* is not a communication/,
  },
  {
    rule: 'email events are not emulated',
    bad: (f, d) => [
      'emailExternalEstablishedEvents',
      { ...ev(d.conversationId), communicationId: randomUUID() },
    ],
    reason: /email events/,
  },
];

function transfer(f: Fixture, ids: Ids, extra: Record<string, unknown>) {
  return {
    ...ev(ids.conversationId),
    transferType: 'Unattended',
    commandId: randomUUID(),
    initiatingCommunicationId: ids.A,
    targetCommunicationId: ids.A,
    objectCommunicationId: ids.C,
    destinationQueueId: f.queueId,
    ...extra,
  };
}

/** A done call (all 10 events) and a live one (connected, answered, a transfer command open). */
function prepared() {
  const f = fixtureOrg();
  const audit = new AuditLog();
  const done = answeredCall(f, T0);
  const live = answeredCall(f, T0);
  const b = live.batch;
  b.communicationEndedEvents = (b.communicationEndedEvents ?? []).slice(0, 1); // only the queue leg ended
  delete b.communicationDispositionAppliedEvents;
  const cmd = randomUUID();
  b.routingTransferEvents = [transfer(f, live.ids, { commandId: cmd, eventDateTime: at(100) })];
  for (const batch of [done.batch, b]) {
    const out = ingestConversationBatch(f.org, audit, batch, SORTED);
    assert.deepEqual(out.errors, [], 'the prepared calls are valid');
  }
  return { f, audit, done: done.ids, live: { ...live.ids, cmd } };
}

describe('conversation event rules', () => {
  for (const row of rows) {
    it(`${row.rule}: rejects the bad event, accepts the rest of the batch`, () => {
      const { f, audit, done, live } = prepared();
      const [array, bad] = row.bad(f, done, live);
      const goodConv = randomUUID();
      const good = established(f, goodConv);
      const batch: Batch = { externalEstablishedEvents: [good] };
      (batch[array] ??= []).push(bad);
      const out = ingestConversationBatch(f.org, audit, batch, SORTED);
      assert.equal(out.errors.length, 1, JSON.stringify(out.errors));
      assert.equal(out.errors[0]?.eventId, bad.eventId);
      assert.equal(out.errors[0]?.retryable, false);
      assert.match(out.errors[0]?.message ?? '', row.reason);
      assert.equal(out.accepted, 1);
      assert.ok(f.org.conversations.has(goodConv), 'the valid event of the batch was applied');
      const last = audit.events.at(-1);
      assert.ok(
        audit.events.some(
          (e) => e.eventId === bad.eventId && e.status === 'rejected' && row.reason.test(e.reason ?? ''),
        ),
      );
      assert.ok(last);
    });
  }

  it('accepts a whole valid call and records its participants', () => {
    const f = fixtureOrg();
    const { batch, ids } = answeredCall(f, T0);
    const out = ingestConversationBatch(f.org, new AuditLog(), batch, SORTED);
    assert.deepEqual(out, { errors: [], accepted: 10, rejected: 0, duplicates: 0, order: [] });
    const conv = f.org.conversations.get(ids.conversationId);
    assert.equal(conv?.communications.size, 3);
    const agent = conv?.communications.get(ids.A);
    assert.equal(agent?.ended, true);
    assert.equal(agent?.wrapupCodeId, f.wrapupCodeId);
    assert.equal(conv?.events.length, 10);
  });

  it('orders a batch by time: an answer sent before its establishment (in time) is rejected', () => {
    const f = fixtureOrg();
    const conversationId = randomUUID();
    const e = established(f, conversationId, { eventDateTime: at(5) });
    const answered = { ...ev(conversationId, 1), communicationId: e.communicationId };
    const out = ingestConversationBatch(
      f.org,
      new AuditLog(),
      { communicationAnsweredEvents: [answered], externalEstablishedEvents: [e] },
      SORTED,
    );
    assert.equal(out.accepted, 1);
    assert.equal(out.errors[0]?.eventId, answered.eventId);
  });

  it('a repeated eventId: rejected (not retryable) by default, absorbed on request; both audited', () => {
    const f = fixtureOrg();
    const audit = new AuditLog();
    const { batch } = answeredCall(f, T0);
    ingestConversationBatch(f.org, audit, batch, SORTED);
    const rejected = ingestConversationBatch(f.org, audit, batch, SORTED);
    assert.equal(rejected.errors.length, 10);
    assert.ok(
      rejected.errors.every((e) => e.retryable === false && /already received/.test(e.message ?? '')),
    );
    assert.equal(rejected.duplicates, 10);
    const absorbed = ingestConversationBatch(f.org, audit, batch, { ...SORTED, duplicates: 'absorb' });
    assert.deepEqual(absorbed, { errors: [], accepted: 0, rejected: 0, duplicates: 10, order: [] });
    assert.equal(audit.events.filter((e) => e.status === 'duplicate').length, 20);
  });

  it('strict order: a whole call in one request breaks causality; one request per step passes', () => {
    const f = fixtureOrg();
    const strict: IngestOptions = { limit: 100, order: 'strict', random: seededRandom(7) };
    let rejected = 0;
    for (let i = 0; i < 5; i++) {
      const out = ingestConversationBatch(f.org, new AuditLog(), answeredCall(f, T0).batch, strict);
      assert.equal(out.order.length, 7, 'the arrays were applied in an order of the emulator');
      rejected += out.rejected;
    }
    assert.ok(rejected > 0, 'relying on the order of arrays within a request fails');
    // The same events, one array (one causal step) per request, in time order: all accepted.
    const { batch, ids } = answeredCall(f, T0);
    const steps = Object.entries(batch).flatMap(([array, events]) => events.map((e) => ({ array, e })));
    steps.sort((a, b) => Date.parse(a.e.eventDateTime as string) - Date.parse(b.e.eventDateTime as string));
    for (const { array, e } of steps) {
      const out = ingestConversationBatch(f.org, new AuditLog(), { [array]: [e] }, strict);
      assert.deepEqual(out.errors, [], `${array} alone`);
    }
    assert.equal(f.org.conversations.get(ids.conversationId)?.events.length, 10);
  });

  it("the strict order is the seed's: the same seed applies the same requests the same way", () => {
    const orders = [1, 2].map(() => {
      const f = fixtureOrg();
      const o: IngestOptions = { limit: 100, order: 'strict', random: seededRandom(42) };
      return [0, 1, 2].map(
        () => ingestConversationBatch(f.org, new AuditLog(), answeredCall(f, T0).batch, o).order,
      );
    });
    assert.deepEqual(orders[0], orders[1]);
  });

  it('retryableShare: those events fail with retryable true, are not applied, and pass when re-sent', () => {
    const f = fixtureOrg();
    const { batch, ids } = answeredCall(f, T0);
    const draws = [0.1, 0.9];
    let n = 0;
    const faulty: IngestOptions = {
      ...SORTED,
      retryableShare: 0.5,
      faultRandom: () => draws[n++ % 2] as number,
    };
    const out = ingestConversationBatch(f.org, new AuditLog(), batch, faulty);
    assert.ok(out.errors.length > 0);
    assert.ok(out.errors.some((e) => e.retryable === true));
    const retry = new Set(out.errors.filter((e) => e.retryable).map((e) => e.eventId));
    const again: Batch = {};
    for (const [array, events] of Object.entries(batch))
      for (const e of events) if (retry.has(e.eventId as string)) (again[array] ??= []).push(e);
    const second = ingestConversationBatch(f.org, new AuditLog(), again, SORTED);
    assert.equal(second.duplicates, 0, 'a retryable failure was not remembered as received');
    assert.ok(second.accepted > 0);
    assert.ok(f.org.conversations.has(ids.conversationId));
  });

  it('rejects a whole request over the batch limit, or with an unknown array', () => {
    const f = fixtureOrg();
    const { batch } = answeredCall(f, T0);
    assert.throws(
      () => ingestConversationBatch(f.org, new AuditLog(), batch, { ...SORTED, limit: 9 }),
      (e: unknown) => e instanceof ApiError && e.status === 400 && /maximum of 9 events/.test(e.message),
    );
    assert.throws(
      () => ingestConversationBatch(f.org, new AuditLog(), { userEstablishedEvent: [] }, SORTED),
      /Unknown property "userEstablishedEvent"/,
    );
    assert.throws(() => ingestConversationBatch(f.org, new AuditLog(), [], SORTED), /JSON object/);
    assert.equal(f.org.conversations.size, 0, 'nothing of a rejected request is applied');
  });
});
