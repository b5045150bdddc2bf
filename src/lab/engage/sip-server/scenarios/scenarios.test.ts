import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJsonLine } from '../../../../engage/tlib/codec/decode.ts';
import { generateTopology } from '../topology.ts';
import { checkScenarioEvents } from './check.ts';
import type { SimEvent } from './flow.ts';
import { generateScenario, SCENARIO_NAMES, SCENARIO_OUTCOME, type ScenarioName } from './index.ts';

const topology = generateTopology();
const play = (name: ScenarioName, callIndex = 7) =>
  generateScenario(name, {
    topology,
    startUs: 1_763_770_000_000_000,
    timeScale: 1,
    callIndex,
    runTag: 'c0de',
  });

const on = (events: SimEvent[], message: string, dn?: string | null) =>
  events.filter((e) => e.body.message === message && (dn === undefined || e.dn === dn));
const vqs = new Set(topology.home.virtualQueues);
const onVq = (events: SimEvent[], message: string) =>
  events.filter((e) => e.body.message === message && vqs.has(e.dn ?? ''));

describe('every scenario', () => {
  for (const name of SCENARIO_NAMES) {
    it(`${name}: consistent, decodable, deterministic`, () => {
      const r = play(name);
      assert.deepEqual(checkScenarioEvents(r.events), []);
      for (const e of r.events) {
        const d = decodeJsonLine(JSON.stringify({ ...e.body, AttributeEventSequenceNumber: 1 }));
        assert.ok(d.ok, `${e.body.message}: ${d.ok ? '' : d.error.message}`);
      }
      assert.match(r.callUuid, /^[0-9A-Z]{32}$/);
      assert.match(r.connId, /^[0-9a-f]{16}$/);
      assert.deepEqual(play(name).events, r.events);
      assert.notEqual(play(name, 8).callUuid, r.callUuid);
    });
  }
});

// What distinguishes each scenario, as a SIP Server reports it.
const FEATURES: [ScenarioName, (ev: SimEvent[]) => void][] = [
  [
    'ivr-only',
    (ev) => (
      assert.equal(onVq(ev, 'EventQueued').length, 0),
      assert.equal(on(ev, 'EventAbandoned').length, 1)
    ),
  ],
  [
    'queue-abandon',
    (ev) => (
      assert.equal(onVq(ev, 'EventQueued').length, 1),
      assert.equal(onVq(ev, 'EventAbandoned').length, 1)
    ),
  ],
  [
    'answered-caller-hangs-up',
    (ev) => {
      const firstDeleted = on(ev, 'EventCallPartyDeleted').filter(
        (e) => e.body['AttributePartyType'] !== 3,
      )[0];
      assert.equal(firstDeleted?.body['AttributePartyType'], 1, 'the caller leaves first');
      assert.equal(onVq(ev, 'EventDiverted').length, 1);
    },
  ],
  [
    'answered-agent-hangs-up',
    (ev) => {
      const firstDeleted = on(ev, 'EventCallPartyDeleted').filter(
        (e) => e.body['AttributePartyType'] !== 3,
      )[0];
      assert.equal(firstDeleted?.body['AttributePartyType'], 2, 'the agent leaves first');
    },
  ],
  [
    'ring-no-answer',
    (ev) => {
      assert.equal(onVq(ev, 'EventQueued').length, 2);
      assert.equal(on(ev, 'EventRinging').length, 2);
      assert.ok(on(ev, 'EventReleased').some((e) => e.body['AttributeCallState'] === 7));
    },
  ],
  [
    'hold-retrieve',
    (ev) => (assert.equal(on(ev, 'EventHeld').length, 1), assert.equal(on(ev, 'EventRetrieved').length, 1)),
  ],
  [
    'acw-disposition',
    (ev) => {
      assert.ok(
        on(ev, 'EventCallDataChanged').some((e) => JSON.stringify(e.body).includes('DispositionCode')),
      );
      assert.equal(on(ev, 'EventAgentNotReady')[0]?.body['AttributeAgentWorkMode'], 3);
    },
  ],
  [
    'blind-transfer-agent',
    (ev) => {
      assert.ok(on(ev, 'EventReleased').some((e) => e.body['AttributeCallState'] === 1));
      assert.equal(on(ev, 'EventCallCreated').length, 1, 'a single-step transfer makes no new call');
    },
  ],
  ['blind-transfer-queue', (ev) => assert.equal(on(ev, 'EventRouteRequest').length, 2)],
  [
    'blind-transfer-external',
    (ev) => assert.ok(on(ev, 'EventCallPartyAdded').some((e) => e.body['AttributeCause'] === 11)),
  ],
  [
    'consult-transfer-agent',
    (ev) => {
      const consult = on(ev, 'EventCallCreated')[1];
      assert.equal(consult?.body['AttributeCallType'], 4);
      assert.equal(
        consult?.body['AttributeOrigCallUUID'],
        on(ev, 'EventCallCreated')[0]?.body['AttributeCallUUID'],
      );
      assert.equal(on(ev, 'EventCallPartyMoved').length, 1);
      assert.equal(on(ev, 'EventPartyChanged').length, 1);
    },
  ],
  ['consult-transfer-queue', (ev) => assert.equal(onVq(ev, 'EventQueued').length, 2)],
  [
    'consult-cancel',
    (ev) => (
      assert.equal(on(ev, 'EventCallPartyMoved').length, 0),
      assert.equal(on(ev, 'EventRetrieved').length, 1)
    ),
  ],
  [
    'consult-transfer-external',
    (ev) => assert.equal(on(ev, 'EventCallPartyMoved')[0]?.body['AttributePartyType'], 1),
  ],
  [
    'agent-outbound',
    (ev) => (
      assert.equal(on(ev, 'EventCallCreated')[0]?.body['AttributeCallType'], 3),
      assert.equal(on(ev, 'EventDialing').length, 1)
    ),
  ],
  [
    'multisite-routed',
    (ev) => {
      const created = on(ev, 'EventCallCreated');
      assert.deepEqual(
        created.map((e) => e.site),
        ['home', 'remote'],
      );
      assert.equal(
        created[0]?.body['AttributeConnID'],
        created[1]?.body['AttributeConnID'],
        'ConnID kept across sites',
      );
      assert.notEqual(created[0]?.body['AttributeCallUUID'], created[1]?.body['AttributeCallUUID']);
      const links = on(ev, 'EventCallDataChanged').map(
        (e) => Object.keys(e.body['AttributeISLinkList'] as object)[0],
      );
      assert.equal(links.length, 2);
      assert.equal(links[0], links[1], 'both sites report the same IS-Link');
    },
  ],
  [
    'multisite-transfer',
    (ev) => assert.equal(on(ev, 'EventCallCreated').filter((e) => e.site === 'remote').length, 1),
  ],
  [
    'conference',
    (ev) => (
      assert.equal(on(ev, 'EventPartyAdded').length, 1),
      assert.ok(on(ev, 'EventReleased').some((e) => e.body['AttributeCallState'] === 2))
    ),
  ],
  [
    'supervision',
    (ev) => assert.ok(on(ev, 'EventRinging').some((e) => e.body['AttributeThisDNRole'] === 10)),
  ],
  [
    'nested-consult',
    (ev) => {
      const created = on(ev, 'EventCallCreated');
      assert.equal(created.length, 3);
      assert.equal(created[2]?.body['AttributeOrigCallUUID'], created[1]?.body['AttributeCallUUID']);
    },
  ],
  ['third-call', (ev) => assert.equal(on(ev, 'EventCallCreated').length, 3)],
  [
    'no-agent-extension',
    (ev) => assert.ok(on(ev, 'EventRinging').every((e) => e.body['AttributeAgentID'] === undefined)),
  ],
  [
    'out-of-scope-agent',
    (ev) => {
      const agentId = on(ev, 'EventRinging')[0]?.body['AttributeAgentID'];
      assert.equal(topology.home.agents.find((a) => a.agentId === agentId)?.inScope, false);
    },
  ],
  ['internal', (ev) => assert.equal(on(ev, 'EventCallCreated')[0]?.body['AttributeCallType'], 1)],
  [
    'asm-outbound',
    (ev) => (
      assert.equal(on(ev, 'EventCallCreated').length, 2),
      assert.ok(JSON.stringify(ev).includes('GSW_CAMPAIGN_NAME'))
    ),
  ],
];

it('17 supported flows make a conversation each (seed 003: "GC EX supports 17 types of call flows")', () => {
  const supported = SCENARIO_NAMES.filter((n) => SCENARIO_OUTCOME[n] === 'conversation');
  assert.deepEqual(supported, SCENARIO_NAMES.slice(0, 17));
});

describe('scenario features', () => {
  it('covers every scenario', () =>
    assert.deepEqual(FEATURES.map(([n]) => n).sort(), [...SCENARIO_NAMES].sort()));
  for (const [name, check] of FEATURES) it(name, () => check(play(name).events));
});

describe('checkScenarioEvents', () => {
  const good = play('consult-transfer-agent').events;
  const broken: [string, (ev: SimEvent[]) => SimEvent[], RegExp][] = [
    [
      'a party never deleted',
      (ev) => ev.filter((e, i) => !(e.body.message === 'EventCallPartyDeleted' && i > ev.length - 5)),
      /never deleted|parties left/,
    ],
    [
      'a ConnID that changes',
      (ev) =>
        ev.map((e, i) => (i === 5 ? { ...e, body: { ...e.body, AttributeConnID: '0000000000000001' } } : e)),
      /changed ConnID/,
    ],
    [
      'time going back',
      (ev) => [ev[1]!, ev[0]!, ...ev.slice(2)],
      /time does not increase|before EventCallCreated/,
    ],
    [
      'an event after the call is deleted',
      (ev) => [...ev, { ...ev[3]!, atUs: ev[ev.length - 1]!.atUs + 10 }],
      /after EventCallDeleted|time attributes/,
    ],
  ];
  for (const [what, breakIt, expected] of broken) {
    it(`reports ${what}`, () => assert.match(checkScenarioEvents(breakIt(good)).join('\n'), expected));
  }
});
