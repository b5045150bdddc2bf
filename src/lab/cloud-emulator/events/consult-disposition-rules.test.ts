// The emulator enforces the connector's choices where the public material is silent (docs/call-flows.md):
// one consult transfer at a time, progress/end only of an open one, and a disposition only after the
// agent's communication ended.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  applyConversationEvent,
  checkConversationEvent,
  type ConversationEventType,
} from './conversation-rules.ts';
import type { Conversation } from './conversation-state.ts';
import { fixtureOrg, type Fixture } from './test-fixtures.ts';

const T0 = Date.parse('2026-01-01T10:00:00Z');

class Call {
  readonly f: Fixture = fixtureOrg();
  readonly id = randomUUID();
  conv: Conversation | undefined;
  private s = 0;

  /** Checks and (when valid) applies one event; returns the rejection reason. */
  send(type: ConversationEventType, fields: Record<string, unknown>): string | undefined {
    const ms = T0 + ++this.s * 1000;
    const ev = {
      eventId: randomUUID(),
      eventDateTime: new Date(ms).toISOString(),
      conversationId: this.id,
      ...fields,
    };
    const reason = checkConversationEvent(this.f.org, type, ev, this.conv, ms);
    if (!reason) this.conv = applyConversationEvent(this.f.org, type, ev, this.conv, ms);
    return reason;
  }

  establish(type: ConversationEventType, extra: Record<string, unknown> = {}): string {
    const communicationId = randomUUID();
    const bad = this.send(type, {
      communicationId,
      initialConfiguration: { alerting: false },
      sourceConfiguration: { sourceId: this.f.sourceId, interactionId: 'CALL-1' },
      ...extra,
    });
    assert.equal(bad, undefined);
    return communicationId;
  }
}

function consultCall() {
  const c = new Call();
  const C = c.establish('externalEstablished');
  const A = c.establish('userEstablished', { userId: c.f.userId });
  const B = c.establish('userEstablished', { userId: c.f.userId });
  const k = { initiatingCommunicationId: A, destinationCommunicationId: B, objectCommunicationId: C };
  return { c, C, A, B, k };
}

describe('consult transfers', () => {
  it('one at a time: a second consultTransfer while one is open is rejected', () => {
    const { c, k } = consultCall();
    assert.equal(c.send('consultTransfer', k), undefined);
    assert.match(c.send('consultTransfer', k) ?? '', /already has an open consult/);
    assert.equal(c.send('endConsultTransfer', {}), undefined);
    assert.equal(c.send('consultTransfer', k), undefined, 'a new one after the end');
  });

  it('progress and end need an open consult', () => {
    const { c, k } = consultCall();
    assert.match(c.send('progressConsultTransfer', k) ?? '', /no open consult/);
    assert.match(c.send('endConsultTransfer', {}) ?? '', /no open consult/);
    assert.equal(c.send('consultTransfer', k), undefined);
    assert.equal(c.send('progressConsultTransfer', k), undefined);
    assert.equal(c.send('endConsultTransfer', {}), undefined);
    assert.match(c.send('endConsultTransfer', {}) ?? '', /no open consult/);
  });
});

describe('dispositions', () => {
  it('follow the end of the agent communication', () => {
    const { c, A } = consultCall();
    const code = c.f.wrapupCodeId;
    assert.match(
      c.send('communicationDispositionApplied', { communicationId: A, code }) ?? '',
      /has not ended yet/,
    );
    assert.equal(c.send('communicationEnded', { communicationId: A, disconnectType: 'Self' }), undefined);
    assert.equal(c.send('communicationDispositionApplied', { communicationId: A, code }), undefined);
  });
});
