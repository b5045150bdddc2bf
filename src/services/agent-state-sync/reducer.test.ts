import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DnAction } from '../../engage/statserver/codes.ts';
import type { AgentStatusTree } from '../../engage/statserver/protocol.ts';
import {
  classify,
  emptyReduction,
  findReason,
  mapState,
  reduceAgent,
  type AgentReduction,
  type Presence,
  type RoutingStatus,
} from './reducer.ts';

type Call = 'none' | 'internal' | 'inbound' | 'outbound' | 'consult' | 'unknown' | 'held';
const CALL_CODE: Record<Exclude<Call, 'none'>, number> = {
  internal: DnAction.CallInternal,
  inbound: DnAction.CallInbound,
  outbound: DnAction.CallOutbound,
  consult: DnAction.CallConsult,
  unknown: DnAction.CallUnknown,
  held: DnAction.CallOnHold,
};
const STATE_CODE = {
  Ready: DnAction.WaitForNextCall,
  NotReady: DnAction.NotReadyForNextCall,
  ACW: DnAction.AfterCallWork,
};

/** The tree a Stat Server sends: agent status = highest priority action, one extension DN. */
function tree(
  state: 'LoggedOut' | keyof typeof STATE_CODE,
  call: Call = 'none',
  reason?: string,
  key = 'ReasonCode',
): AgentStatusTree {
  if (state === 'LoggedOut')
    return { agentId: 'a1', loginId: 'l1', status: DnAction.LoggedOut, time: 10, place: null };
  const actions: { action: number; time: number; reasons?: Record<string, string> }[] = [
    { action: STATE_CODE[state], time: 10, ...(reason !== undefined ? { reasons: { [key]: reason } } : {}) },
  ];
  if (call !== 'none') actions.push({ action: CALL_CODE[call], time: 11 });
  const status = call === 'none' ? STATE_CODE[state] : CALL_CODE[call];
  return {
    agentId: 'a1',
    loginId: 'l1',
    status,
    time: 11,
    place: {
      placeId: 'p1',
      status,
      dnStatuses: [{ dnId: '7001', switchId: 'SIP', dnType: 'Extension', status, time: 11, actions }],
    },
  };
}

/** Feeds the tree as both statistics, as the service receives them (reason first, then state). */
function feed(r: AgentReduction, t: AgentStatusTree, key?: string) {
  const a = reduceAgent(r, 'CurrentStateReason', t, key);
  return reduceAgent(a.next, 'CurrentState', stripReasons(t), key);
}
function stripReasons(t: AgentStatusTree): AgentStatusTree {
  return JSON.parse(
    JSON.stringify(t, (k, v: unknown) => (k === 'reasons' ? undefined : v)),
  ) as AgentStatusTree;
}

describe('reducer: one row per line of seed 003 "Mapping Agent States"', () => {
  const rows: [string, AgentStatusTree, Presence, RoutingStatus][] = [
    ['Logged Off, no call', tree('LoggedOut'), 'Offline', 'OffQueue'],
    ['Not Ready, no reason, no call', tree('NotReady'), 'Busy', 'OffQueue'],
    ['Not Ready, not-mapped reason, no call', tree('NotReady', 'none', 'Coffee'), 'Busy', 'OffQueue'],
    ['Not Ready (Break), no call', tree('NotReady', 'none', 'Break'), 'Break', 'OffQueue'],
    ['Not Ready (Meal), no call', tree('NotReady', 'none', 'Meal'), 'Meal', 'OffQueue'],
    ['Not Ready (Meeting), no call', tree('NotReady', 'none', 'Meeting'), 'Meeting', 'OffQueue'],
    ['Not Ready (Training), no call', tree('NotReady', 'none', 'Training'), 'Training', 'OffQueue'],
    ['Not Ready, no reason, internal call', tree('NotReady', 'internal'), 'Busy', 'Communicating'],
    ['Not Ready (Break), internal call', tree('NotReady', 'internal', 'Break'), 'Busy', 'Communicating'],
    ['Not Ready, no reason, inbound call', tree('NotReady', 'inbound'), 'Busy', 'Interacting'],
    ['Not Ready (Meal), outbound call', tree('NotReady', 'outbound', 'Meal'), 'Busy', 'Interacting'],
    ['Not Ready, consult call', tree('NotReady', 'consult'), 'Busy', 'Interacting'],
    ['Not Ready, unknown call', tree('NotReady', 'unknown'), 'Busy', 'Interacting'],
    ['Ready, no call', tree('Ready'), 'OnQueue', 'Idle'],
    ['Ready, internal call', tree('Ready', 'internal'), 'OnQueue', 'Communicating'],
    ['Ready, inbound call', tree('Ready', 'inbound'), 'OnQueue', 'Interacting'],
    ['Ready, outbound call', tree('Ready', 'outbound'), 'OnQueue', 'Interacting'],
    ['Ready, consult call', tree('Ready', 'consult'), 'OnQueue', 'Interacting'],
    ['Ready, unknown call', tree('Ready', 'unknown'), 'OnQueue', 'Interacting'],
    ['Not Ready - ACW, no call (first seen: On Queue)', tree('ACW'), 'OnQueue', 'Interacting'],
  ];
  for (const [name, t, presence, routingStatus] of rows) {
    it(name, () => {
      const { user } = feed(emptyReduction(), t);
      assert.deepEqual(user, { presence, routingStatus });
    });
  }
});

describe('reducer: transitions', () => {
  const seqs: [string, AgentStatusTree[], [Presence, RoutingStatus][]][] = [
    [
      'login, ready, inbound call, hold, retrieve, ACW, ready, logout',
      [
        tree('NotReady'),
        tree('Ready'),
        tree('Ready', 'inbound'),
        tree('Ready', 'held'),
        tree('Ready', 'inbound'),
        tree('ACW'),
        tree('Ready'),
        tree('LoggedOut'),
      ],
      [
        ['Busy', 'OffQueue'],
        ['OnQueue', 'Idle'],
        ['OnQueue', 'Interacting'],
        ['OnQueue', 'Interacting'],
        ['OnQueue', 'Interacting'],
        ['OnQueue', 'Interacting'],
        ['OnQueue', 'Idle'],
        ['Offline', 'OffQueue'],
      ],
    ],
    [
      'ACW keeps the presence it had (Break, then Busy)',
      [tree('NotReady', 'none', 'Break'), tree('ACW'), tree('NotReady', 'internal'), tree('ACW')],
      [
        ['Break', 'OffQueue'],
        ['Break', 'Interacting'],
        ['Busy', 'Communicating'],
        ['Busy', 'Interacting'],
      ],
    ],
    [
      'a held internal call stays Communicating (the hold hides the call type)',
      [tree('Ready', 'internal'), tree('Ready', 'held'), tree('Ready', 'internal')],
      [
        ['OnQueue', 'Communicating'],
        ['OnQueue', 'Communicating'],
        ['OnQueue', 'Communicating'],
      ],
    ],
    [
      'reason changes within Not Ready, then the reason ends with Ready',
      [
        tree('NotReady', 'none', 'Break'),
        tree('NotReady', 'none', 'Meal'),
        tree('NotReady', 'none', 'Lunch?'),
        tree('Ready'),
        tree('NotReady'),
      ],
      [
        ['Break', 'OffQueue'],
        ['Meal', 'OffQueue'],
        ['Busy', 'OffQueue'],
        ['OnQueue', 'Idle'],
        ['Busy', 'OffQueue'],
      ],
    ],
    [
      'Not Ready with a reason, a call, and back to the reason',
      [
        tree('NotReady', 'none', 'Training'),
        tree('NotReady', 'outbound', 'Training'),
        tree('NotReady', 'none', 'Training'),
      ],
      [
        ['Training', 'OffQueue'],
        ['Busy', 'Interacting'],
        ['Training', 'OffQueue'],
      ],
    ],
  ];
  for (const [name, trees, expected] of seqs) {
    it(name, () => {
      let r = emptyReduction();
      const got: [Presence, RoutingStatus][] = [];
      for (const t of trees) {
        const out = feed(r, t);
        r = out.next;
        got.push([out.user.presence, out.user.routingStatus]);
      }
      assert.deepEqual(got, expected);
    });
  }

  it('a stale reason tree does not outlive the Not Ready it explained', () => {
    let r = feed(emptyReduction(), tree('NotReady', 'none', 'Break')).next;
    r = feed(r, tree('Ready')).next;
    // the state statistic arrives first; the reason statistic still shows Ready
    const onlyState = reduceAgent(r, 'CurrentState', tree('NotReady'));
    assert.deepEqual(onlyState.user, { presence: 'Busy', routingStatus: 'OffQueue' });
    const thenReason = reduceAgent(onlyState.next, 'CurrentStateReason', tree('NotReady', 'none', 'Meeting'));
    assert.deepEqual(thenReason.user, { presence: 'Meeting', routingStatus: 'OffQueue' });
    assert.equal(thenReason.changed, true);
  });

  it('changed is false when the user state does not change', () => {
    const a = reduceAgent(emptyReduction(), 'CurrentState', tree('Ready'));
    assert.equal(a.changed, true);
    const b = reduceAgent(a.next, 'CurrentState', tree('Ready'));
    assert.equal(b.changed, false);
  });
});

describe('reducer: reasons', () => {
  it('the reason key is configurable (default ReasonCode)', () => {
    const t = tree('NotReady', 'none', 'Meal', 'AgentReason');
    assert.deepEqual(feed(emptyReduction(), t).user.presence, 'Busy');
    assert.deepEqual(feed(emptyReduction(), t, 'AgentReason').user.presence, 'Meal');
  });
  it('reason names match whatever their case and spaces', () => {
    assert.equal(feed(emptyReduction(), tree('NotReady', 'none', ' break ')).user.presence, 'Break');
    assert.equal(feed(emptyReduction(), tree('NotReady', 'none', 'MEETING')).user.presence, 'Meeting');
  });
  it('custom presences with similar names are not mapped', () => {
    for (const r of ['Breaks', 'Meal break', 'Team Meeting', 'Available', 'OnQueue', ''])
      assert.equal(feed(emptyReduction(), tree('NotReady', 'none', r)).user.presence, 'Busy', r);
  });
  it('prefers the reason on the Not Ready node', () => {
    const t = tree('NotReady', 'inbound', 'Break');
    t.reasons = { ReasonCode: 'Other' };
    assert.equal(findReason(t, 'ReasonCode'), 'Break');
  });
  it('a reason on a Ready agent is ignored', () => {
    assert.deepEqual(feed(emptyReduction(), tree('Ready', 'none', 'Break')).user, {
      presence: 'OnQueue',
      routingStatus: 'Idle',
    });
  });
});

describe('reducer: properties', () => {
  it('presence is never Available, whatever the tree', () => {
    const codes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 18, 19, 20, 21, 22, 23];
    const reason = fc.option(fc.constantFrom('Break', 'Meal', 'Meeting', 'Training', 'Available', 'x'), {
      nil: undefined,
    });
    const treeArb = fc.record({
      status: fc.constantFrom(...codes),
      actions: fc.array(fc.record({ action: fc.constantFrom(...codes), reason }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(treeArb, { minLength: 1, maxLength: 8 }), (trees) => {
        let r = emptyReduction();
        for (const t of trees) {
          const st: AgentStatusTree = {
            agentId: 'a',
            status: t.status,
            place: {
              placeId: 'p',
              dnStatuses: [
                {
                  dnId: 'd',
                  status: t.status,
                  actions: t.actions.map((a) => ({
                    action: a.action,
                    ...(a.reason ? { reasons: { ReasonCode: a.reason } } : {}),
                  })),
                },
              ],
            },
          };
          const out = reduceAgent(r, 'CurrentStateReason', st);
          r = out.next;
          if ((out.user.presence as string) === 'Available') return false;
        }
        return true;
      }),
    );
  });

  it('mapState covers every state and call kind', () => {
    for (const state of ['LoggedOff', 'NotReady', 'Ready', 'AfterCallWork'] as const)
      for (const call of ['none', 'internal', 'other'] as const) {
        const u = mapState({ state, call });
        assert.notEqual(u.presence as string, 'Available');
      }
    assert.deepEqual(classify(tree('Ready', 'held')), { state: 'Ready', call: 'other' });
  });
});

/** The tree with its call (call-type or held action) named by ConnID, as Stat Server reports it. */
function onCall(t: AgentStatusTree, connId: string): AgentStatusTree {
  const c = structuredClone(t);
  for (const dn of c.place?.dnStatuses ?? [])
    for (const a of dn.actions) if (a.action !== dn.actions[0]?.action) a.connId = connId;
  return c;
}

// A failover re-sync (link-client.ts: every statistic re-opened on the backup) shows only the agent's
// state now; what happened while the link was down is unseen. A held call hides its type, so the type
// may only come from the same call seen before the hold.
describe('reducer: a held call across a re-sync, by ConnID', () => {
  const cases: [string, AgentStatusTree[], RoutingStatus[]][] = [
    [
      'the internal call seen before is over; the held call after the re-sync is another one (unknown type)',
      [onCall(tree('Ready', 'internal'), 'c1'), onCall(tree('Ready', 'held'), 'c2')],
      ['Communicating', 'Interacting'],
    ],
    [
      'the same internal call, held while the link was down, stays Communicating',
      [onCall(tree('Ready', 'internal'), 'c1'), onCall(tree('Ready', 'held'), 'c1')],
      ['Communicating', 'Communicating'],
    ],
    [
      'an outbound call seen before, another call held after: unknown type (other)',
      [onCall(tree('NotReady', 'outbound'), 'c1'), onCall(tree('NotReady', 'held'), 'c2')],
      ['Interacting', 'Interacting'],
    ],
    [
      // The failing e2e run: no call before the outage, an internal call begun and held while the link
      // was down. Nothing in the tree says internal: the documented fallback (other) until retrieved.
      'no call seen, then a held call first seen at the re-sync, then retrieved',
      [
        tree('NotReady', 'none', 'Coffee'),
        onCall(tree('NotReady', 'held', 'Coffee'), 'c2'),
        onCall(tree('NotReady', 'internal', 'Coffee'), 'c2'),
      ],
      ['OffQueue', 'Interacting', 'Communicating'],
    ],
    [
      'a consult call held, back to the main internal call: each call keeps its own type',
      [
        onCall(tree('Ready', 'internal'), 'c1'),
        onCall(tree('Ready', 'consult'), 'c3'),
        onCall(tree('Ready', 'held'), 'c3'),
      ],
      ['Communicating', 'Interacting', 'Interacting'],
    ],
  ];
  for (const [name, trees, want] of cases) {
    it(name, () => {
      let r = emptyReduction();
      const got: RoutingStatus[] = [];
      for (const t of trees) {
        const out = feed(r, t);
        r = out.next;
        got.push(out.user.routingStatus);
      }
      assert.deepEqual(got, want);
    });
  }
});
