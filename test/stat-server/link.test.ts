// The Stat Server link client against the real simulator over TCP: opens, changes, scope changes,
// EventError for one agent, malformed lines, switchover and a killed primary.
import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { silentLogger } from '../../src/core/logger.ts';
import { DnAction } from '../../src/engage/statserver/codes.ts';
import {
  StatLinkClient,
  type EndpointName,
  type StatUpdate,
} from '../../src/engage/statserver/link-client.ts';
import { startStatServerSimulator } from '../../src/lab/engage/stat-server/simulator.ts';

async function until(what: string, cond: () => boolean, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function recorder() {
  const updates: StatUpdate[] = [];
  const errors: string[] = [];
  const malformed: string[] = [];
  const active: EndpointName[] = [];
  return {
    updates,
    errors,
    malformed,
    active,
    handlers: {
      update: (u: StatUpdate) => void updates.push(u),
      statError: (id: string) => void errors.push(id),
      malformed: (r: string) => void malformed.push(r),
      active: (e: EndpointName) => void active.push(e),
    },
    last: (id: string, category = 'CurrentStateReason') =>
      updates.filter((u) => u.employeeId === id && u.category === category).at(-1),
  };
}

describe('Stat Server link client ↔ simulator', () => {
  const stops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const s of stops.reverse()) await s();
  });

  it('opens both statistics per agent, follows changes and scope, survives EventError for one agent', async () => {
    const sim = await startStatServerSimulator({
      agents: ['1001', '1002', '1003'],
      acceptUnknownAgents: false,
    });
    stops.push(sim.stop);
    const rec = recorder();
    const client = new StatLinkClient({
      primary: { host: '127.0.0.1', port: sim.primaryPort },
      backup: { host: '127.0.0.1', port: sim.backupPort },
      tenant: 'Resources',
      logger: silentLogger(),
      handlers: rec.handlers,
    });
    stops.push(() => client.stop());
    client.setAgents(['1001', 'nobody', '1002']);
    client.start();
    await until('initial values', () => rec.updates.length >= 4 && rec.errors.length >= 2);
    assert.deepEqual([...new Set(rec.errors)], ['nobody']);
    assert.equal(client.activeEndpoint, 'primary');
    for (const id of ['1001', '1002'])
      for (const category of ['CurrentState', 'CurrentStateReason']) {
        const u = rec.last(id, category);
        assert.ok(u, `${id} ${category}`);
        assert.equal(u.initial, true);
        assert.equal(u.tree.status, DnAction.LoggedOut);
      }

    sim.setAgent('1001', { state: 'NotReady', reason: 'Meal', call: 'none' });
    await until('change', () => rec.last('1001')?.tree.status === DnAction.NotReadyForNextCall);
    const u = rec.last('1001');
    assert.equal(u?.initial, false);
    assert.deepEqual(u?.tree.place?.dnStatuses[0]?.actions[0]?.reasons, { ReasonCode: 'Meal' });
    assert.equal(rec.last('1001', 'CurrentState')?.tree.place?.dnStatuses[0]?.actions[0]?.reasons, undefined);
    assert.ok(Math.abs((u?.timeMs ?? 0) - (sim.getAgent('1001')?.since ?? 0)) <= 1);

    // scope: 1002 leaves, 1003 joins
    client.setAgents(['1001', '1003']);
    await until('1003 opened', () => rec.last('1003') !== undefined);
    const before = rec.updates.filter((x) => x.employeeId === '1002').length;
    sim.setAgent('1002', { state: 'Ready', call: 'inbound' });
    sim.setAgent('1003', { state: 'Ready', call: 'internal' });
    await until('1003 change', () => rec.last('1003')?.tree.status === DnAction.CallInternal);
    assert.equal(
      rec.updates.filter((x) => x.employeeId === '1002').length,
      before,
      'closed statistics stay silent',
    );
  });

  it('opens an agent again after EventError, once the Stat Server knows it', async () => {
    const sim = await startStatServerSimulator({ agents: ['4001'], acceptUnknownAgents: false });
    stops.push(sim.stop);
    const rec = recorder();
    const client = new StatLinkClient({
      primary: { host: '127.0.0.1', port: sim.primaryPort },
      tenant: 'Resources',
      logger: silentLogger(),
      handlers: rec.handlers,
      reopenAfterErrorMs: 200,
    });
    stops.push(() => client.stop());
    client.setAgents(['4001', 'late']);
    client.start();
    await until('error for late', () => rec.errors.includes('late'));
    sim.setAgent('late', { state: 'Ready', call: 'none' });
    await until('late opened', () => rec.last('late')?.tree.status === DnAction.WaitForNextCall);
    assert.ok(rec.last('4001'));
  });

  it('moves to the backup on switchover and within 5 s of a killed primary, re-opening everything', async () => {
    const sim = await startStatServerSimulator({ agents: ['2001', '2002'] });
    stops.push(sim.stop);
    const rec = recorder();
    const client = new StatLinkClient({
      primary: { host: '127.0.0.1', port: sim.primaryPort },
      backup: { host: '127.0.0.1', port: sim.backupPort },
      tenant: 'Resources',
      logger: silentLogger(),
      handlers: rec.handlers,
      heartbeatIntervalMs: 300,
      heartbeatTimeoutMs: 1000,
    });
    stops.push(() => client.stop());
    client.setAgents(['2001', '2002']);
    client.start();
    await until('primary', () => client.activeEndpoint === 'primary' && rec.updates.length === 4);

    await sim.switchover();
    await until(
      'on backup after switchover',
      () => client.activeEndpoint === 'backup' && rec.updates.length === 8,
    );
    assert.ok(rec.updates.slice(4).every((u) => u.initial));

    await sim.switchover();
    await until('back on primary', () => client.activeEndpoint === 'primary' && rec.updates.length === 12);

    sim.setAgent('2002', { state: 'Ready', call: 'none' });
    await until('change', () => rec.last('2002')?.tree.status === DnAction.WaitForNextCall);
    const killedAt = Date.now();
    await sim.killPrimary();
    sim.setAgent('2002', { state: 'AfterCallWork', call: 'none' });
    await until('on backup after kill', () => client.activeEndpoint === 'backup');
    assert.ok(Date.now() - killedAt < 5000, `switched after ${Date.now() - killedAt} ms`);
    await until('full state re-synced', () => rec.last('2002')?.tree.status === DnAction.AfterCallWork);
    assert.deepEqual(rec.active, ['primary', 'backup', 'primary', 'backup']);
    await sim.restorePrimary();
  });

  it('logs, counts and skips malformed messages, keeping the valid ones', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => {
      sockets.push(s);
      s.write('{"event":"EventServerMode","mode":"primary"}\n');
      s.on('data', (d) => {
        for (const line of d.toString().split('\n').filter(Boolean)) {
          const m = JSON.parse(line) as { request: string; referenceId: number };
          if (m.request !== 'RequestOpenStatisticEx') continue;
          s.write('not json\n');
          s.write('{"event":"EventInfo","referenceId":' + m.referenceId + ',"time":{"sec":"x"}}\n');
          s.write('{"event":"EventNobodyKnows"}\n');
          s.write(
            JSON.stringify({
              event: 'EventInfo',
              referenceId: m.referenceId,
              time: { sec: 1_700_000_000, usec: 5000 },
              stateValue: { agentId: '3001', status: 4, place: { placeId: 'p', dnStatuses: [] } },
            }) + '\n',
          );
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    });
    const port = (server.address() as { port: number }).port;
    const rec = recorder();
    const client = new StatLinkClient({
      primary: { host: '127.0.0.1', port },
      tenant: 'T',
      logger: silentLogger(),
      handlers: rec.handlers,
    });
    stops.push(() => client.stop());
    client.setAgents(['3001']);
    client.start();
    await until('valid updates', () => rec.updates.length === 2);
    assert.equal(rec.malformed.length, 6);
    assert.equal(rec.updates[0]?.timeMs, 1_700_000_000_005);
  });

  it('client and simulator decode a character split across two TCP packets ("Réunion")', async () => {
    // The bytes up to the middle of "é", then the rest: a pause between the two writes (not a wait for
    // anything) makes them two packets and two reads on the other side.
    const dribble = async (sock: Socket, text: string) => {
      sock.setNoDelay(true);
      const bytes = Buffer.from(text);
      const cut = bytes.indexOf(Buffer.from('é')) + 1;
      await new Promise<void>((r, j) => sock.write(bytes.subarray(0, cut), (e) => (e ? j(e) : r())));
      await new Promise((r) => setTimeout(r, 40));
      await new Promise<void>((r, j) => sock.write(bytes.subarray(cut), (e) => (e ? j(e) : r())));
    };
    const sockets: Socket[] = [];
    const server = createServer((sock) => {
      sockets.push(sock);
      sock.write('{"event":"EventServerMode","mode":"primary"}\n');
      let sending = Promise.resolve(); // one answer after the other, never interleaved
      sock.on('data', (d) => {
        for (const line of d.toString().split('\n').filter(Boolean)) {
          const m = JSON.parse(line) as { request: string; referenceId: number };
          if (m.request !== 'RequestOpenStatisticEx') continue;
          const tree = {
            agentId: '3101',
            status: 8,
            place: {
              placeId: 'p',
              dnStatuses: [
                { dnId: 'd', status: 8, actions: [{ action: 8, reasons: { ReasonCode: 'Réunion' } }] },
              ],
            },
          };
          const info = {
            event: 'EventInfo',
            referenceId: m.referenceId,
            time: { sec: 1, usec: 0 },
            stateValue: tree,
          };
          sending = sending.then(() => dribble(sock, JSON.stringify(info) + '\n'));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(async () => {
      for (const x of sockets) x.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    });
    const rec = recorder();
    const client = new StatLinkClient({
      primary: { host: '127.0.0.1', port: (server.address() as { port: number }).port },
      tenant: 'T',
      logger: silentLogger(),
      handlers: rec.handlers,
    });
    stops.push(() => client.stop());
    client.setAgents(['3101']);
    client.start();
    await until('both statistics', () => rec.updates.length === 2);
    assert.deepEqual(
      rec.updates.map((u) => u.tree.place?.dnStatuses[0]?.actions[0]?.reasons?.ReasonCode),
      ['Réunion', 'Réunion'],
    );
    assert.deepEqual(rec.malformed, []);

    const sim = await startStatServerSimulator({ agents: [] });
    stops.push(() => sim.stop());
    const raw = await new Promise<Socket>((r) => {
      const c: Socket = connect(sim.primaryPort, '127.0.0.1', () => r(c));
    });
    stops.push(async () => void raw.destroy());
    let got = '';
    raw.on('data', (d: Buffer) => (got += d.toString('latin1')));
    await dribble(
      raw,
      JSON.stringify({
        request: 'RequestOpenStatisticEx',
        referenceId: 1,
        object: { type: 'Agent', id: 'Réunion', tenant: 'Résidence' },
        metric: { category: 'CurrentState', subject: 'DNStatus' },
        notification: 'Immediate',
      }) + '\n',
    );
    await until('the simulator answers', () => Buffer.from(got, 'latin1').toString().includes('EventInfo'));
    const info = Buffer.from(got, 'latin1')
      .toString()
      .split('\n')
      .map((l) => (l ? (JSON.parse(l) as { event: string; stateValue?: { agentId: string } }) : null))
      .find((m) => m?.event === 'EventInfo');
    assert.equal(info?.stateValue?.agentId, 'Réunion');
  });
});
