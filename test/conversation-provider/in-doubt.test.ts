// Exactly once across a takeover: an event whose answer was lost is read back from the conversation
// (GET /api/v2/conversations/{id} as the emulator shows it) and counts as applied exactly when it was.
// Each event of a call touching every event kind the tracker sends is checked before and after the
// emulator applies it; the org dump names each event by its request array (DESIGN §6).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { TaggedConversationEvent } from '../../src/cloud/areas/events.ts';
import {
  CONVERSATION_ARRAYS,
  applyConversationEvent,
  checkConversationEvent,
} from '../../src/lab/cloud-emulator/events/conversation-rules.ts';
import type { Conversation } from '../../src/lab/cloud-emulator/events/conversation-state.ts';
import { conversationView } from '../../src/lab/cloud-emulator/events/conversation-view.ts';
import { fixtureOrg } from '../../src/lab/cloud-emulator/events/test-fixtures.ts';
import { orgView } from '../../src/lab/cloud-emulator/org-view.ts';
import { appliedIn } from '../../src/services/conversation-provider/sender/in-doubt.ts';

const T0 = Date.parse('2026-01-01T10:00:00Z');

it('an event counts as applied exactly when the emulator applied it, for every kind', () => {
  const f = fixtureOrg();
  const conversationId = randomUUID();
  const [C, Q, A, B] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const cmd = randomUUID();
  const sc = { sourceId: f.sourceId, interactionId: 'CALL-1' };
  const est = (id: string, alerting: boolean, invitedBy?: string) => ({
    communicationId: id,
    initialConfiguration: { alerting, inbound: true, ...(invitedBy ? { invitedBy } : {}) },
    sourceConfiguration: sc,
  });
  const consult = { initiatingCommunicationId: A, destinationCommunicationId: B, objectCommunicationId: C };
  const steps: [string, Record<string, unknown>][] = [
    ['externalEstablishedEvents', est(C, false)],
    ['routingEstablishedEvents', { ...est(Q, false, C), queueId: f.queueId }],
    ['userEstablishedEvents', { ...est(A, true, Q), userId: f.userId, afterCallWorkRequired: true }],
    ['communicationAnsweredEvents', { communicationId: A }],
    ['communicationEndedEvents', { communicationId: Q, disconnectType: 'Transfer' }],
    ['holdUpdatedEvents', { communicationId: A, held: true }],
    ['userEstablishedEvents', { ...est(B, true, A), userId: f.userId }],
    ['consultTransferEvents', consult],
    ['communicationAnsweredEvents', { communicationId: B }],
    ['progressConsultTransferEvents', consult],
    ['endConsultTransferEvents', {}],
    ['holdUpdatedEvents', { communicationId: A, held: false }],
    [
      'userTransferEvents',
      {
        transferType: 'Unattended',
        commandId: cmd,
        initiatingCommunicationId: A,
        targetCommunicationId: A,
        objectCommunicationId: C,
        destinationUserId: f.userId,
      },
    ],
    ['progressTransferEvents', { commandId: cmd, objectCommunicationId: C, destinationCommunicationId: B }],
    ['endTransferEvents', { commandId: cmd, finalState: 'Completed', objectCommunicationId: C }],
    ['communicationEndedEvents', { communicationId: A, disconnectType: 'Transfer' }],
    ['communicationEndedEvents', { communicationId: C, disconnectType: 'Self' }],
    ['communicationEndedEvents', { communicationId: B, disconnectType: 'Peer' }],
    ['communicationDispositionAppliedEvents', { communicationId: A, code: f.wrapupCodeId }],
  ];
  let conv: Conversation | undefined;
  steps.forEach(([kind, fields], i) => {
    const spec = CONVERSATION_ARRAYS[kind];
    assert.ok(spec, kind);
    const ms = T0 + (i + 1) * 1000;
    const event = {
      eventId: randomUUID(),
      eventDateTime: new Date(ms).toISOString(),
      conversationId,
      ...fields,
    };
    const tagged = { kind, event } as TaggedConversationEvent;
    const label = `step ${i + 1} (${kind})`;
    assert.equal(appliedIn(tagged, conv && conversationView(conv)), false, `${label}: not applied yet`);
    assert.equal(checkConversationEvent(f.org, spec.type, event, conv, ms), undefined, `${label}: valid`);
    conv = applyConversationEvent(f.org, spec.type, event, conv, ms);
    assert.equal(appliedIn(tagged, conversationView(conv)), true, `${label}: applied`);
  });
  // DESIGN §6: the org dump names each event by the array of the request that carried it.
  const dumped = orgView(f.org).conversations[0]?.events.map((e) => e.type);
  assert.deepEqual(
    dumped,
    steps.map(([kind]) => kind),
  );
});

it('an unknown conversation has nothing applied; audioUpdated cannot be told and goes again', () => {
  const ev = { eventId: randomUUID(), conversationId: randomUUID(), communicationId: randomUUID() };
  assert.equal(
    appliedIn({ kind: 'communicationEndedEvents', event: ev } as TaggedConversationEvent, undefined),
    false,
  );
  assert.equal(
    appliedIn({ kind: 'audioUpdatedEvents', event: ev } as TaggedConversationEvent, undefined),
    undefined,
  );
});
