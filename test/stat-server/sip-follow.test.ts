// Agent states that follow the SIP Server simulator's calls: the pure mapping of T-Lib events, and the
// two simulators together over their real links.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { silentLogger } from '../../src/core/logger.ts';
import { DnAction } from '../../src/engage/statserver/codes.ts';
import { StatLinkClient, type StatUpdate } from '../../src/engage/statserver/link-client.ts';
import type { TMessage } from '../../src/engage/tlib/model/types.ts';
import { startSipServerSimulator } from '../../src/lab/engage/sip-server/index.ts';
import { followedAgent, followedInput, followEvent } from '../../src/lab/engage/stat-server/sip-follow.ts';
import { startStatServerSimulator } from '../../src/lab/engage/stat-server/simulator.ts';
import { until } from '../harness/index.ts';

const ev = (name: string, attributes: TMessage['attributes'] = {}): TMessage => ({
  kind: 'event',
  name,
  attributes,
});

describe('following the SIP Server: T-Lib events → agent states', () => {
  const steps: [string, TMessage, ReturnType<typeof followedInput>][] = [
    ['login', ev('EventAgentLogin'), { state: 'NotReady', call: 'none' }],
    [
      'not ready, reason in Reasons',
      ev('EventAgentNotReady', { AttributeAgentWorkMode: 0, AttributeReason: [['ReasonCode', 'Meal']] }),
      { state: 'NotReady', reason: 'Meal', call: 'none' },
    ],
    ['ready', ev('EventAgentReady'), { state: 'Ready', call: 'none' }],
    [
      'inbound call',
      ev('EventEstablished', { AttributeConnID: 'c1', AttributeCallType: 2 }),
      { state: 'Ready', call: 'inbound' },
    ],
    ['held', ev('EventHeld', { AttributeConnID: 'c1' }), { state: 'Ready', call: 'inbound', held: true }],
    [
      'consult while held',
      ev('EventEstablished', { AttributeConnID: 'c2', AttributeCallType: 4 }),
      { state: 'Ready', call: 'consult' },
    ],
    [
      'consult released',
      ev('EventReleased', { AttributeConnID: 'c2' }),
      { state: 'Ready', call: 'inbound', held: true },
    ],
    ['retrieved', ev('EventRetrieved', { AttributeConnID: 'c1' }), { state: 'Ready', call: 'inbound' }],
    [
      'transferred: new ConnID',
      ev('EventPartyChanged', { AttributeConnID: 'c3', AttributePreviousConnID: 'c1', AttributeCallType: 2 }),
      { state: 'Ready', call: 'inbound' },
    ],
    ['released', ev('EventReleased', { AttributeConnID: 'c3' }), { state: 'Ready', call: 'none' }],
    [
      'ACW',
      ev('EventAgentNotReady', { AttributeAgentWorkMode: 3 }),
      { state: 'AfterCallWork', call: 'none' },
    ],
    [
      'not ready, reason in Extensions',
      ev('EventAgentNotReady', { AttributeExtensions: [['ReasonCode', 'Break']] }),
      { state: 'NotReady', reason: 'Break', call: 'none' },
    ],
    [
      'internal call',
      ev('EventEstablished', { AttributeConnID: 'c4', AttributeCallType: 1 }),
      { state: 'NotReady', reason: 'Break', call: 'internal' },
    ],
    ['logout', ev('EventAgentLogout'), { state: 'LoggedOut', call: 'none' }],
  ];
  it('maps each event in turn', () => {
    let a = followedAgent();
    for (const [name, e, want] of steps) {
      a = followEvent(a, e);
      assert.deepEqual(followedInput(a), want, name);
    }
  });
  it('ignores events that say nothing about the agent', () => {
    const a = followedAgent();
    assert.equal(followEvent(a, ev('EventRinging', { AttributeConnID: 'x', AttributeCallType: 2 })), a);
    assert.equal(followEvent(a, ev('EventReleased', { AttributeConnID: 'unknown' })), a);
  });
});

describe('Stat Server simulator following the SIP Server simulator', () => {
  const stops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const s of stops.reverse()) await s();
  });

  it("an answered call with ACW shows on the agent's statistics", async () => {
    const sip = await startSipServerSimulator({ timeScale: 0.05, caps: 0 });
    stops.push(() => sip.stop());
    const agents = sip.topology.home.agents.map((a) => ({
      employeeId: a.employeeId,
      extension: a.extension,
    }));
    const stat = await startStatServerSimulator({
      sip: { servers: `127.0.0.1:${sip.primaryPort}/127.0.0.1:${sip.backupPort}`, agents, heartbeatMs: 500 },
    });
    stops.push(() => stat.stop());
    const updates: StatUpdate[] = [];
    const client = new StatLinkClient({
      primary: { host: '127.0.0.1', port: stat.primaryPort },
      tenant: 'Resources',
      logger: silentLogger(),
      handlers: { update: (u) => void updates.push(u) },
    });
    stops.push(() => client.stop());
    client.setAgents(agents.map((a) => a.employeeId));
    client.start();
    const statuses = () =>
      new Map(
        agents.map((a) => [
          a.employeeId,
          updates
            .filter((u) => u.employeeId === a.employeeId && u.category === 'CurrentState')
            .map((u) => u.tree.status),
        ]),
      );
    await until('both statistics of every agent', () => updates.length >= agents.length * 2, 15_000);
    // every followed agent starts logged in and ready
    for (const [, s] of statuses()) assert.equal(s.at(-1), DnAction.WaitForNextCall);
    await stat.sipReady(15_000);
    sip.playScenario('acw-disposition');
    const sawCallThenAcwThenReady = () =>
      [...statuses().values()].some((s) => {
        const call = s.indexOf(DnAction.CallInbound);
        const acw = s.indexOf(DnAction.AfterCallWork, call);
        return call >= 0 && acw > call && s.indexOf(DnAction.WaitForNextCall, acw) > acw;
      });
    await until('a call, then ACW, then Ready', sawCallThenAcwThenReady, 15_000).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify([...statuses()])}`);
    });
  });
});
