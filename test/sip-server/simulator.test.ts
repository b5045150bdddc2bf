// The SIP Server simulator over real TCP and HTTP: what each client receives, per server of the pair.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkScenarioEvents,
  SCENARIO_NAMES,
  siteDns,
  startSipServerSimulator,
  type SimEvent,
  type SipSimulator,
} from '../../src/lab/engage/sip-server/index.ts';
import { rawClient, type RawClient } from './raw-client.ts';
import { until } from '../harness/index.ts';

const LINK = new Set([
  'EventLinkConnected',
  'EventServerInfo',
  'EventRegistered',
  'EventACK',
  'EventError',
  'EventPrimaryChanged',
]);
const callEvents = (lines: Record<string, unknown>[]) => lines.filter((l) => !LINK.has(String(l['message'])));
const withoutSeq = (l: Record<string, unknown>) => {
  const { AttributeEventSequenceNumber: _seq, ...rest } = l;
  return rest;
};

async function registered(c: RawClient, dns: string[], monitoring: boolean): Promise<void> {
  for (const dn of dns) c.send({ request: 'RequestRegisterAddress', AttributeThisDN: dn });
  if (monitoring) c.send({ request: 'RequestStartCallMonitoring' });
  const acks = dns.length + (monitoring ? 1 : 0);
  await c.until(
    (ls) =>
      ls.filter((l) => l['message'] === 'EventRegistered' || l['message'] === 'EventACK').length === acks,
  );
}

describe('SIP Server simulator', () => {
  let sim: SipSimulator;
  let all: string[];
  const expected: SimEvent[] = [];
  const perScenario: SimEvent[][] = [];
  let p: RawClient, b: RawClient, vqOnly: RawClient, late: RawClient;

  before(async () => {
    sim = await startSipServerSimulator({ timeScale: 0.0002, runTag: 'a5a5' });
    all = [...siteDns(sim.topology.home), ...siteDns(sim.topology.remote)];
    [p, b, vqOnly, late] = await Promise.all([
      rawClient(sim.primaryPort),
      rawClient(sim.backupPort),
      rawClient(sim.primaryPort),
      rawClient(sim.primaryPort),
    ]);
    await registered(p, all, true);
    await registered(b, all, true);
    const res = await fetch(`${sim.adminUrl}/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'answered-caller-hangs-up' }),
    });
    assert.equal(res.status, 201);
    const { callUuid } = (await res.json()) as { callUuid: string };
    await sim.drained();
    await p.until((ls) =>
      ls.some((l) => l['message'] === 'EventCallDeleted' && l['AttributeCallUUID'] === callUuid),
    );
    await registered(vqOnly, ['VQ_Sales'], false);
    const firstCall = callEvents(p.lines).length;
    for (const name of SCENARIO_NAMES) {
      const events = sim.playScenarioDetailed(name).events;
      perScenario.push(events);
      expected.push(...events);
    }
    // Calls in progress together interleave by time (a stable sort keeps each call's own order).
    expected.sort((x, y) => x.atUs - y.atUs);
    await sim.drained();
    await p.until((ls) => callEvents(ls).length === firstCall + expected.length);
    await b.until((ls) => callEvents(ls).length === callEvents(p.lines).length);
  });
  after(async () => {
    for (const c of [p, b, vqOnly, late]) c?.close();
    await sim?.stop();
  });

  it('greets each client with EventLinkConnected and its role', () => {
    assert.deepEqual(
      p.lines.slice(0, 2).map((l) => l['message']),
      ['EventLinkConnected', 'EventServerInfo'],
    );
    assert.equal(p.lines[1]?.['AttributeServerRole'], 0);
    assert.equal(b.lines[1]?.['AttributeServerRole'], 1);
  });

  it('sends the events of every scenario in order, each consistent', () => {
    const got = callEvents(p.lines).slice(-expected.length).map(withoutSeq);
    assert.deepEqual(
      got,
      expected.map((e) => e.body),
    );
    for (const events of perScenario) assert.deepEqual(checkScenarioEvents(events), []);
  });

  it('numbers events strictly increasing per server, every event with a time', () => {
    for (const c of [p, b]) {
      let last = 0;
      for (const l of c.lines) {
        const seq = l['AttributeEventSequenceNumber'];
        assert.ok(typeof seq === 'number' && seq > last, `sequence ${String(seq)} after ${last}`);
        last = seq;
        assert.equal(typeof l['AttributeTimeinSecs'], 'number');
      }
    }
  });

  it("sends on the backup the primary's stream but for sequence numbers", () => {
    assert.deepEqual(callEvents(b.lines).map(withoutSeq), callEvents(p.lines).map(withoutSeq));
    assert.notDeepEqual(
      callEvents(b.lines).map((l) => l['AttributeEventSequenceNumber']),
      callEvents(p.lines).map((l) => l['AttributeEventSequenceNumber']),
    );
  });

  it('sends DN events only for registered DNs, and no call-monitoring events unasked', () => {
    const got = callEvents(vqOnly.lines);
    assert.ok(got.length > 0);
    assert.ok(got.every((l) => l['AttributeThisDN'] === 'VQ_Sales'));
    assert.equal(got.length, expected.filter((e) => e.dn === 'VQ_Sales').length);
    assert.equal(callEvents(late.lines).length, 0);
  });

  it('sends call-monitoring events after RequestStartCallMonitoring', async () => {
    await registered(late, [], true);
    const events = sim.playScenarioDetailed('ivr-only').events.filter((e) => e.dn === null);
    await late.until((ls) => callEvents(ls).length === events.length);
    assert.deepEqual(
      callEvents(late.lines).map(withoutSeq),
      events.map((e) => e.body),
    );
  });

  it('answers a bad request with EventError and keeps the link', async () => {
    late.send({ request: 'RequestMakeCall' });
    late.socket.write('not json\n');
    await late.until((ls) => ls.filter((l) => l['message'] === 'EventError').length === 2);
    late.send({ request: 'RequestQueryServer', AttributeReferenceID: 77 });
    await late.until((ls) => ls.some((l) => l['AttributeReferenceID'] === 77));
  });

  it('admin: rejects an unknown scenario and a bad traffic body', async () => {
    const post = await fetch(`${sim.adminUrl}/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'teleport' }),
    });
    assert.equal(post.status, 400);
    assert.match(((await post.json()) as { error: string }).error, /unknown scenario "teleport"/);
    const put = await fetch(`${sim.adminUrl}/traffic`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caps: 5, mix: { nope: 1 } }),
    });
    assert.equal(put.status, 400);
  });

  it('admin: traffic starts calls at the set rate and stops', async () => {
    const put = (body: unknown) =>
      fetch(`${sim.adminUrl}/traffic`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const traffic = async () =>
      (await (await fetch(`${sim.adminUrl}/traffic`)).json()) as { started: number; caps: number };
    assert.equal((await put({ caps: 40, mix: 'ivr-only:1,internal:1' })).status, 200);
    await until('calls started', async () => (await traffic()).started > 0, 10_000);
    assert.equal((await put({ caps: 0 })).status, 200);
    const stopped = await traffic();
    assert.equal(stopped.caps, 0);
  });

  it('admin: switchover swaps the roles and tells the clients', async () => {
    const res = await fetch(`${sim.adminUrl}/switchover`, { method: 'POST' });
    assert.equal(res.status, 200);
    await p.until((ls) => ls.some((l) => l['message'] === 'EventPrimaryChanged'));
    await b.until((ls) => ls.some((l) => l['message'] === 'EventPrimaryChanged'));
    assert.equal(p.lines.find((l) => l['message'] === 'EventPrimaryChanged')?.['AttributeServerRole'], 1);
    assert.equal(b.lines.find((l) => l['message'] === 'EventPrimaryChanged')?.['AttributeServerRole'], 0);
  });

  it('admin: kill-primary drops the primary, restore-primary brings it back as backup', async () => {
    // After the switchover above, the backup port serves the primary.
    const closed = new Promise((r) => b.socket.once('close', r));
    assert.equal((await fetch(`${sim.adminUrl}/kill-primary`, { method: 'POST' })).status, 200);
    await closed;
    await p.until((ls) => ls.filter((l) => l['message'] === 'EventPrimaryChanged').length === 2);
    assert.equal((await fetch(`${sim.adminUrl}/restore-primary`, { method: 'POST' })).status, 200);
    const again = await rawClient(sim.backupPort);
    await again.until((ls) => ls.length >= 2);
    assert.equal(again.lines[1]?.['AttributeServerRole'], 1);
    again.close();
  });
});

describe('SIP Server simulator with a remote site of its own', () => {
  it('sends each site its own events; both report the same IS-Link', async () => {
    const sim = await startSipServerSimulator({ timeScale: 0.0002, adminPort: null, remote: {} });
    const [home, remote] = await Promise.all([
      rawClient(sim.primaryPort),
      rawClient(sim.remote!.primaryPort),
    ]);
    try {
      await registered(home, [], true);
      await registered(remote, [], true);
      const events = sim.playScenarioDetailed('multisite-routed').events;
      const count = (site: string) => events.filter((e) => e.site === site && e.dn === null).length;
      await home.until((ls) => callEvents(ls).length === count('home'));
      await remote.until((ls) => callEvents(ls).length === count('remote'));
      const link = (ls: Record<string, unknown>[]) =>
        Object.keys(ls.find((l) => l['AttributeISLinkList'])?.['AttributeISLinkList'] as object)[0];
      assert.ok(link(home.lines));
      assert.equal(link(home.lines), link(remote.lines));
      assert.notEqual(
        callEvents(home.lines)[0]?.['AttributeCallUUID'],
        callEvents(remote.lines)[0]?.['AttributeCallUUID'],
      );
    } finally {
      home.close();
      remote.close();
      await sim.stop();
    }
  });
});

describe('SIP Server simulator under garbage', () => {
  it('answers every garbage request line with EventError and keeps serving', async () => {
    const sim = await startSipServerSimulator({ adminPort: null });
    const c = await rawClient(sim.primaryPort);
    try {
      const lines = [
        '{}',
        '[]',
        'null',
        '{"request":42}',
        '{"request":"RequestRegisterAddress"}',
        '{"request":"RequestRegisterAddress","AttributeThisDN":""}',
        '{"request":"RequestTeleport","AttributeThisDN":"x"}',
        '{"request":"RequestRegisterAddress","AttributeThisDN":7}',
        '\u0000\u0001\u0002',
        '{"request":"RequestStartCallMonitoring"',
      ];
      for (let i = 0; i < 200; i++)
        lines.push(JSON.stringify({ request: `Request${i}`, [`A${i}`]: i }).slice(0, 5 + (i % 30)));
      c.socket.write(lines.join('\n') + '\n');
      await c.until((ls) => ls.filter((l) => l['message'] === 'EventError').length === lines.length);
      c.send({ request: 'RequestQueryServer', AttributeReferenceID: 5 });
      await c.until((ls) =>
        ls.some((l) => l['message'] === 'EventServerInfo' && l['AttributeReferenceID'] === 5),
      );
    } finally {
      c.close();
      await sim.stop();
    }
  });
});
