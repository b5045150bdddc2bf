// The presence and routing-status Events API rules: each rejects what it should, the rest of the batch is
// accepted; the newest event wins.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { AuditLog } from '../audit.ts';
import { ingestPresenceBatch, ingestRoutingStatusBatch, type IngestOptions } from './ingest.ts';
import { fixtureOrg, type Fixture } from './test-fixtures.ts';

const SORTED: IngestOptions = { limit: 100, order: 'sorted' };
const at = (s: number) => new Date(Date.parse('2026-01-01T10:00:00Z') + s * 1000).toISOString();
const presence = (f: Fixture, extra: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  eventDateTime: at(0),
  userId: f.userId,
  sourceId: f.sourceId,
  presenceDefinitionId: [...f.org.definitions.values()].find((d) => d.systemPresence === 'Busy')?.id,
  ...extra,
});
const routing = (f: Fixture, extra: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  eventDateTime: at(0),
  agentId: f.userId,
  sourceId: f.sourceId,
  status: 'Idle',
  ...extra,
});

const presenceRows: [string, (f: Fixture) => Record<string, unknown>, RegExp][] = [
  ['eventId in UUID form', (f) => presence(f, { eventId: 'p-1' }), /eventId must be a version 4 UUID/],
  ['documented time format', (f) => presence(f, { eventDateTime: 'yesterday' }), /yyyy-MM-dd/],
  [
    'time in UTC with Z (no offset)',
    (f) => presence(f, { eventDateTime: '2026-01-01T11:00:00.000+01:00' }),
    /yyyy-MM-ddTHH:mm:ss\[\.mmm\]Z/,
  ],
  [
    'time with three fraction digits at most',
    (f) => presence(f, { eventDateTime: '2026-01-01T10:00:00.123456Z' }),
    /yyyy-MM-dd/,
  ],
  [
    'eventId a version 4 UUID',
    (f) => presence(f, { eventId: '00000000-0000-0000-0000-000000000000' }),
    /version 4 UUID/,
  ],
  ['no unknown property', (f) => presence(f, { bogus: 1 }), /invalid.property: Value \[bogus\]/],
  ['message a string', (f) => presence(f, { message: 5 }), /message must be a string/],
  ['userId in UUID form', (f) => presence(f, { userId: '101' }), /userId must be a UUID/],
  ['known user', (f) => presence(f, { userId: randomUUID() }), /not a known user/],
  ['known source', (f) => presence(f, { sourceId: randomUUID() }), /not a known presence source/],
  [
    'known presence definition',
    (f) => presence(f, { presenceDefinitionId: randomUUID() }),
    /not a known presence definition/,
  ],
];
const routingRows: [string, (f: Fixture) => Record<string, unknown>, RegExp][] = [
  ['agentId in UUID form', (f) => routing(f, { agentId: 'agent' }), /agentId must be a UUID/],
  ['known agent', (f) => routing(f, { agentId: randomUUID() }), /not a known user/],
  ['status from the enum', (f) => routing(f, { status: 'IDLE' }), /status must be one of/],
  ['source in UUID form', (f) => routing(f, { sourceId: 'engage' }), /sourceId must be a UUID/],
  ['no misspelt property', (f) => routing(f, { agentID: f.userId }), /invalid.property: Value \[agentID\]/],
];

describe('presence event rules', () => {
  for (const [rule, bad, reason] of presenceRows)
    it(`${rule}: rejected, the rest accepted`, () => {
      const f = fixtureOrg();
      const b = bad(f);
      const out = ingestPresenceBatch(
        f.org,
        new AuditLog(),
        { userPresenceEvents: [b, presence(f)] },
        SORTED,
      );
      assert.equal(out.accepted, 1);
      assert.deepEqual(
        out.errors.map((e) => [e.eventId, e.retryable]),
        [[b.eventId, false]],
      );
      assert.match(out.errors[0]?.message ?? '', reason);
    });

  it('keeps the newest presence even when an older event arrives later', () => {
    const f = fixtureOrg();
    const away = [...f.org.definitions.values()].find((d) => d.systemPresence === 'Away')?.id;
    ingestPresenceBatch(
      f.org,
      new AuditLog(),
      { userPresenceEvents: [presence(f, { eventDateTime: at(10) })] },
      SORTED,
    );
    const out = ingestPresenceBatch(
      f.org,
      new AuditLog(),
      { userPresenceEvents: [presence(f, { presenceDefinitionId: away })] },
      SORTED,
    );
    assert.equal(out.accepted, 1);
    assert.equal(f.org.users.get(f.userId)?.presence?.systemPresence, 'Busy');
  });

  it('rejects an unknown array name', () => {
    const f = fixtureOrg();
    assert.throws(
      () => ingestPresenceBatch(f.org, new AuditLog(), { userRoutingStatusEvents: [] }, SORTED),
      /Unknown property/,
    );
  });
});

describe('routing status event rules', () => {
  for (const [rule, bad, reason] of routingRows)
    it(`${rule}: rejected, the rest accepted`, () => {
      const f = fixtureOrg();
      const b = bad(f);
      const out = ingestRoutingStatusBatch(
        f.org,
        new AuditLog(),
        { userRoutingStatusEvents: [routing(f), b] },
        SORTED,
      );
      assert.equal(out.accepted, 1);
      assert.deepEqual(
        out.errors.map((e) => [e.eventId, e.retryable]),
        [[b.eventId, false]],
      );
      assert.match(out.errors[0]?.message ?? '', reason);
      assert.equal(f.org.users.get(f.userId)?.routingStatus?.status, 'Idle');
    });
});
