// Every call scenario of DESIGN §6, as the SIP Server simulator plays it, through the conversation
// tracker: what the EX Org shows (DESIGN §6's table), checked in the emulator after feeding it every
// event one per request (its conversation rules reject nothing), and the unsupported flows' notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  SCENARIO_NAMES,
  SCENARIO_OUTCOME,
  generateScenario,
  type ScenarioName,
} from '../../src/lab/engage/sip-server/scenarios/index.ts';
import type { Conversation } from '../../src/lab/cloud-emulator/events/conversation-state.ts';
import {
  emptyState,
  step,
  type OutEvent,
  type TrackerNote,
} from '../../src/services/conversation-provider/core/api.ts';
import { UUID_V4_RE } from '../../src/cloud/event-id.ts';
import { inject, makeWorld, play, scenarioInputs, type World } from './scenario-world.ts';

type Purpose = 'external' | 'ivr' | 'routing' | 'user' | 'phone';

interface Row {
  /** Exact number of communications per purpose (absent: not checked). */
  parties?: Partial<Record<Purpose, number>>;
  /** Event arrays the conversation must have. */
  events?: string[];
  /** Event arrays it must not have. */
  noEvents?: string[];
  check?: (c: Conversation, w: World) => void;
}

const comms = (c: Conversation, p: Purpose) => [...c.communications.values()].filter((x) => x.party === p);
const hasType = (c: Conversation, type: string) => c.events.some((e) => e.type === type);

/** DESIGN §6, "What the EX Org shows for each scenario played alone", one row per supported scenario. */
const SHOWS: Partial<Record<ScenarioName, Row>> = {
  'ivr-only': { parties: { external: 1, ivr: 1, user: 0 } },
  'queue-abandon': { parties: { external: 1, routing: 1, user: 0 } },
  'answered-caller-hangs-up': {
    parties: { external: 1, routing: 1, user: 1 },
    check: (c) => {
      const [a] = comms(c, 'user');
      const [q] = comms(c, 'routing');
      assert.equal(a?.invitedBy, q?.id, 'the agent is reached through the routing participant');
      assert.equal(comms(c, 'external')[0]?.disconnectType, 'Self');
      assert.equal(a?.disconnectType, 'Peer');
    },
  },
  'answered-agent-hangs-up': {
    parties: { user: 1 },
    check: (c) => {
      assert.equal(comms(c, 'user')[0]?.disconnectType, 'Self');
      assert.equal(comms(c, 'external')[0]?.disconnectType, 'Peer');
    },
  },
  'ring-no-answer': {
    parties: { routing: 1, user: 2 },
    check: (c) => {
      const [first, second] = comms(c, 'user');
      assert.equal(first?.answered, false, 'the first agent was alerted only');
      assert.equal(second?.answered, true);
    },
  },
  'hold-retrieve': { parties: { user: 1 }, events: ['holdUpdated'] },
  'acw-disposition': {
    parties: { user: 1 },
    events: ['communicationDispositionApplied'],
    check: (c, w) => {
      const code = comms(c, 'user')[0]?.wrapupCodeId;
      assert.ok(code && [...w.codeIds.values()].includes(code), 'the agent has its wrap-up code');
    },
  },
  'blind-transfer-agent': {
    parties: { user: 2 },
    events: ['userTransfer', 'progressTransfer', 'endTransfer'],
  },
  'blind-transfer-queue': { parties: { routing: 2, user: 2 }, events: ['routingTransfer', 'endTransfer'] },
  'blind-transfer-external': { parties: { phone: 1, user: 1 }, events: ['phoneTransfer', 'endTransfer'] },
  'consult-transfer-agent': {
    parties: { user: 2 },
    events: ['consultTransfer', 'progressConsultTransfer', 'endConsultTransfer'],
  },
  'consult-transfer-queue': {
    parties: { routing: 2, user: 2 },
    events: ['consultTransfer', 'endConsultTransfer'],
  },
  'consult-cancel': {
    parties: { user: 2 },
    events: ['consultTransfer', 'endConsultTransfer'],
    noEvents: ['progressConsultTransfer'],
  },
  'consult-transfer-external': {
    parties: { phone: 1, user: 1 },
    events: ['consultTransfer', 'progressConsultTransfer'],
  },
  'agent-outbound': { parties: { user: 1, phone: 1, routing: 0, external: 0 } },
  'multisite-routed': {
    parties: { user: 1 },
    check: (c, w) => {
      const remote = w.topology.remote.agents.map((a) => w.userIds.get(a.employeeId));
      assert.ok(remote.includes(comms(c, 'user')[0]?.userId), "the remote site's agent");
    },
  },
  'multisite-transfer': {
    parties: { user: 2 },
    events: ['userTransfer'],
    check: (c, w) => {
      const remote = new Set(w.topology.remote.agents.map((a) => w.userIds.get(a.employeeId)));
      const users = comms(c, 'user').map((u) => remote.has(u.userId));
      assert.deepEqual(users, [false, true], 'both sites’ agents');
    },
  },
};

const EXPECTED_NOTE: Partial<Record<ScenarioName, [TrackerNote['kind'], string]>> = {
  conference: ['suspended', 'conference'],
  supervision: ['suspended', 'supervision'],
  'nested-consult': ['suspended', 'nested-consult'],
  'third-call': ['ignored', 'third-call'],
  'no-agent-extension': ['not-injected', 'no-agent-extension'],
  'out-of-scope-agent': ['not-injected', 'out-of-scope-agent'],
  internal: ['not-injected', 'internal'],
  'asm-outbound': ['not-injected', 'asm-outbound'],
};

const OUTCOME_NOTES = new Set(['suspended', 'not-injected', 'ignored']);

for (const name of SCENARIO_NAMES) {
  test(`scenario ${name}: ${SCENARIO_OUTCOME[name]}`, () => {
    const w = makeWorld();
    const inputs = scenarioInputs(w, name);
    const callUuid = generateScenario(name, {
      topology: w.topology,
      startUs: 1_780_000_000_000_000,
      timeScale: 1,
      callIndex: 0,
      runTag: 'c0de',
    }).callUuid;
    // Step by step, to see what is emitted after a suspension.
    const state = emptyState();
    const events: OutEvent[] = [];
    const notes: TrackerNote[] = [];
    let suspendedAt = -1;
    for (const input of inputs) {
      const r = step(state, input, w.dir);
      if (suspendedAt >= 0)
        for (const e of r.events)
          assert.equal(e.tagged.kind, 'communicationEndedEvents', 'only ends after suspension');
      events.push(...r.events);
      notes.push(...r.notes);
      if (r.notes.some((n) => n.kind === 'suspended')) suspendedAt = events.length;
    }
    const { rejected, duplicates } = inject(w, events);
    assert.deepEqual(rejected, [], 'the emulator rejects no event');
    assert.equal(duplicates, 0);
    for (const e of events) {
      const ev = e.tagged.event as { eventId: string; conversationId: string };
      assert.match(ev.eventId, UUID_V4_RE);
      assert.equal(ev.conversationId, e.conversationId);
    }
    assert.equal(
      new Set(events.map((e) => (e.tagged.event as { eventId: string }).eventId)).size,
      events.length,
    );

    const convs = [...w.org.conversations.values()];
    const outcome = SCENARIO_OUTCOME[name];
    const outcomeNotes = notes.filter((n) => OUTCOME_NOTES.has(n.kind));
    if (outcome === 'not-injected') assert.equal(convs.length, 0, 'no conversation');
    else assert.equal(convs.length, 1, 'exactly one conversation');
    const expected = EXPECTED_NOTE[name];
    if (expected)
      assert.ok(
        outcomeNotes.some((n) => n.kind === expected[0] && n.reason === expected[1]),
        `noted ${expected.join(': ')}`,
      );
    else assert.deepEqual(outcomeNotes, [], 'a supported flow is neither suspended, ignored nor left out');
    if (outcome === 'monitoring-suspension')
      assert.ok(suspendedAt > 0, 'injected up to the unsupported step');

    const c = convs[0];
    if (!c) return;
    assert.equal(c.interactionId, callUuid, "interactionId is the (home) call's CallUUID");
    for (const x of c.communications.values()) assert.ok(x.ended, `${x.party} ${x.id} ends`);
    const row = SHOWS[name];
    if (!row) return;
    for (const [p, n] of Object.entries(row.parties ?? {}))
      assert.equal(comms(c, p as Purpose).length, n, `${n} × ${p}`);
    for (const t of row.events ?? []) assert.ok(hasType(c, t), `has ${t}`);
    for (const t of row.noEvents ?? []) assert.ok(!hasType(c, t), `has no ${t}`);
    row.check?.(c, w);
  });
}

test('every scenario: a re-processed input (same state) gives identical output, a re-delivered one none', () => {
  for (const name of SCENARIO_NAMES) {
    const w = makeWorld();
    const inputs = scenarioInputs(w, name);
    const state = emptyState();
    for (const input of inputs) {
      const before = structuredClone(state);
      const first = step(state, input, w.dir);
      const again = step(before, input, w.dir);
      assert.deepEqual(again, first, `${name}: ${input.event.name} re-processed`);
      assert.deepEqual(before, state);
      const dup = step(state, input, w.dir);
      assert.deepEqual(dup.events, [], `${name}: ${input.event.name} delivered twice`);
    }
    const once = play(w, inputs);
    assert.deepEqual(play(w, inputs).events, once.events, `${name}: two runs give the same ids`);
  }
});
