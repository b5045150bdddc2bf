import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DnAction } from '../../../engage/statserver/codes.ts';
import { agentTree, applyInput, newAgent, SIM_CALLS, SIM_STATES, type SimAgent } from './agent-model.ts';
import { nextScheduledState, SCHEDULE_REASONS } from './schedule.ts';

const at = (input: Parameters<typeof applyInput>[1]): SimAgent =>
  applyInput(newAgent('5001', 1000), input, 2000, true);

describe('simulator agent model → AgentStatus tree', () => {
  const rows: [string, SimAgent, number, number[]][] = [
    ['logged out', at({ state: 'LoggedOut', call: 'none' }), DnAction.LoggedOut, []],
    ['ready', at({ state: 'Ready', call: 'none' }), DnAction.WaitForNextCall, [4]],
    [
      'not ready on an internal call',
      at({ state: 'NotReady', call: 'internal' }),
      DnAction.CallInternal,
      [8, 20],
    ],
    ['ready on an inbound call', at({ state: 'Ready', call: 'inbound' }), DnAction.CallInbound, [4, 22]],
    ['ready, call held', at({ state: 'Ready', call: 'outbound', held: true }), DnAction.CallOnHold, [4, 13]],
    ['ACW', at({ state: 'AfterCallWork', call: 'none' }), DnAction.AfterCallWork, [9]],
    ['consult', at({ state: 'Ready', call: 'consult' }), DnAction.CallConsult, [4, 19]],
    ['unknown call', at({ state: 'NotReady', call: 'unknown' }), DnAction.CallUnknown, [8, 18]],
  ];
  for (const [name, agent, status, actions] of rows) {
    it(name, () => {
      const t = agentTree(agent, 'DNStatus', 'ReasonCode');
      assert.equal(t.status, status);
      assert.equal(t.time, 2);
      assert.deepEqual(t.place?.dnStatuses[0]?.actions.map((a) => a.action) ?? [], actions);
    });
  }

  it('keeps the ConnID of a call across hold and retrieve; a new call gets a new one', () => {
    const connId = (a: SimAgent) =>
      agentTree(a, 'DNStatus', 'ReasonCode').place?.dnStatuses[0]?.actions[1]?.connId;
    const call = applyInput(newAgent('5001', 1000), { state: 'Ready', call: 'internal' }, 2000, false);
    const held = applyInput(call, { state: 'Ready', call: 'internal', held: true }, 3000, false);
    const back = applyInput(held, { state: 'NotReady', call: 'internal' }, 4000, false);
    const consult = applyInput(back, { state: 'NotReady', call: 'consult' }, 5000, false);
    const none = applyInput(consult, { state: 'NotReady', call: 'none' }, 6000, false);
    const next = applyInput(none, { state: 'NotReady', call: 'internal' }, 7000, false);
    assert.ok(connId(call));
    assert.equal(connId(held), connId(call));
    assert.equal(connId(back), connId(call));
    assert.notEqual(connId(consult), connId(call));
    assert.notEqual(connId(next), connId(call));
  });

  it('puts the reason, under the configured key, only in CurrentStateReason, on the Not Ready action', () => {
    const a = at({ state: 'NotReady', reason: 'Break', call: 'none' });
    assert.equal(agentTree(a, 'DNStatus', 'ReasonCode').place?.dnStatuses[0]?.actions[0]?.reasons, undefined);
    assert.deepEqual(agentTree(a, 'DNAction', 'Why').place?.dnStatuses[0]?.actions[0], {
      action: DnAction.NotReadyForNextCall,
      time: 2,
      reasons: { Why: 'Break' },
    });
  });

  it('logging out drops the reason and the call', () => {
    const a = applyInput(
      at({ state: 'NotReady', reason: 'Meal', call: 'inbound' }),
      { state: 'LoggedOut', reason: 'x', call: 'inbound' },
      3000,
      false,
    );
    assert.equal(a.reason, undefined);
    assert.equal(a.call, 'none');
    assert.equal(a.pinned, true, 'a pin stays until DELETE /pin');
  });
});

describe('simulator schedule', () => {
  it('only ever produces valid states and visits every state, call type and reason', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let a = newAgent('1', 0);
    const seen = new Set<string>();
    for (let i = 1; i < 20_000; i++) {
      const next = nextScheduledState(a, random);
      assert.ok(SIM_STATES.includes(next.state) && SIM_CALLS.includes(next.call));
      a = applyInput(a, next, i, false);
      seen
        .add(`state:${a.state}`)
        .add(`call:${a.call}`)
        .add(`reason:${a.reason ?? '-'}`);
      if (a.held) seen.add('held');
    }
    for (const s of SIM_STATES) assert.ok(seen.has(`state:${s}`), s);
    for (const c of SIM_CALLS) assert.ok(seen.has(`call:${c}`), c);
    for (const r of SCHEDULE_REASONS) assert.ok(seen.has(`reason:${r}`), r);
    assert.ok(seen.has('held'));
  });
});
