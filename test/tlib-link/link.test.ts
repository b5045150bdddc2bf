// The T-Lib link client against the real simulator and against hand-made servers: switchover, a killed
// primary, malformed lines, a silent peer.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { quietFor, until } from '../harness/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Registry } from '../../src/core/metrics.ts';
import { createTlibLink } from '../../src/engage/tlib/link/index.ts';
import type { TEvent } from '../../src/engage/tlib/model/types.ts';
import {
  SCENARIO_NAMES,
  siteDns,
  startSipServerSimulator,
  type SimEvent,
} from '../../src/lab/engage/sip-server/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An event's identity, the same from the generator's side and the client's side. */
function identity(a: Record<string, unknown>, name: string): string {
  const call = a['AttributeCallUUID'] ?? a['AttributeConnID'] ?? '';
  const where = a['AttributePartyUUID'] ?? a['AttributeThisDN'] ?? '';
  return `${name}|${String(call)}|${String(where)}|${String(a['AttributeTimeinSecs'])}.${String(a['AttributeTimeinuSecs'])}`;
}

describe('T-Lib link over a simulated HA pair', () => {
  it('passes every event exactly once across switchovers and a killed primary', async () => {
    const sim = await startSipServerSimulator({ timeScale: 0.003 });
    const got: TEvent[] = [];
    const link = createTlibLink({
      servers: `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`,
      dns: [...siteDns(sim.topology.home), ...siteDns(sim.topology.remote)],
      callMonitoring: true,
      heartbeatMs: 200,
      backoff: { minMs: 20, maxMs: 200 },
      logger: silentLogger(),
      onEvent: (e) => got.push(e),
    });
    try {
      await link.ready();
      const expected: SimEvent[] = [];
      const play = () => {
        for (const name of SCENARIO_NAMES) expected.push(...sim.playScenarioDetailed(name).events);
      };
      play();
      // Pacing, not waiting: each switchover and kill lands while the scenarios are still streaming.
      await sleep(120);
      await sim.switchover();
      play();
      await sleep(120);
      await sim.killPrimary();
      play();
      await sleep(150);
      await sim.restorePrimary();
      await link.ready({ timeoutMs: 5000 });
      play();
      await sleep(100);
      await sim.switchover();
      await sim.drained();
      await until(`${expected.length} events`, () => got.length >= expected.length, 15_000);
      // The slower stream's copies arrive, and must all be dropped: wait until nothing more comes.
      await quietFor('the backup copies', () => got.length + link.counters().duplicates, 200);
      const want = expected.map((e) => identity(e.body, e.body.message)).sort();
      const have = got.map((e) => identity(e.attributes, e.name)).sort();
      assert.equal(have.length, want.length, 'no event lost or passed on twice');
      assert.deepEqual(have, want);
      const c = link.counters();
      assert.equal(c.malformed, 0);
      assert.ok(c.duplicates > 0, 'the backup copies were seen and dropped');
      assert.ok(link.status().pairs[0]!.servers.every((s) => s.connected && s.role !== 'unknown'));
    } finally {
      await link.close();
      await sim.stop();
    }
  });
});

describe('T-Lib link DN registrations', () => {
  it('registers DNs added later and stops receiving removed ones', async () => {
    const sim = await startSipServerSimulator({ timeScale: 0.0002, adminPort: null });
    const got: TEvent[] = [];
    const link = createTlibLink({
      servers: `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`,
      dns: [],
      callMonitoring: false,
      heartbeatMs: 1000,
      logger: silentLogger(),
      onEvent: (e) => got.push(e),
    });
    try {
      await link.ready();
      const vqs = sim.topology.home.virtualQueues;
      link.addDns(vqs);
      await link.ready();
      const events = sim.playScenarioDetailed('queue-abandon').events.filter((e) => vqs.includes(e.dn ?? ''));
      await sim.drained();
      await until('the VQ events', () => got.length === events.length, 15_000);
      assert.ok(got.every((e) => vqs.includes(String(e.attributes['AttributeThisDN']))));
      link.removeDns(vqs);
      await link.ready();
      sim.playScenarioDetailed('queue-abandon');
      await sim.drained();
      await quietFor('events after unregistering', () => got.length, 300);
      assert.equal(got.length, events.length, 'nothing after unregistering');
    } finally {
      await link.close();
      await sim.stop();
    }
  });
});

/** A hand-made server: greets, then runs `script` on every connection. */
async function scriptedServer(
  script: (s: Socket, n: number) => void,
): Promise<{ server: Server; port: number; connections: () => number }> {
  let n = 0;
  const server = createServer((s) => {
    s.setEncoding('utf8');
    s.on('error', () => undefined);
    script(s, ++n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : 0, connections: () => n };
}

describe('T-Lib link robustness', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it('logs, counts and skips malformed lines, and keeps running', async () => {
    const good = (n: number) =>
      JSON.stringify({
        message: 'EventRinging',
        AttributeEventSequenceNumber: n,
        AttributeConnID: '006c02462a161006',
        AttributeThisDN: '6001',
        AttributeTimeinSecs: 1700000000,
        AttributeTimeinuSecs: n,
      });
    const lines = [
      good(1),
      '{"message":"EventRinging",',
      '{"message":"EventTeleported","AttributeConnID":"006c02462a161006"}',
      '{"message":"EventRinging","AttributeThisDN":"6001"}',
      '{"message":"EventUserEvent","AttributeUserData":"' + 'x'.repeat(1024 * 1024 + 10) + '"}',
      good(2),
    ];
    const srv = await scriptedServer((s) => {
      s.write(lines.join('\n') + '\n');
      s.on('data', () => undefined);
    });
    servers.push(srv.server);
    const logs: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({ write: (c: Buffer, _e, cb) => (logs.push(c.toString()), cb()) }),
    );
    const registry = new Registry();
    const got: TEvent[] = [];
    const link = createTlibLink({
      servers: `127.0.0.1:${srv.port}`,
      dns: ['6001'],
      callMonitoring: false,
      heartbeatMs: 1000,
      logger,
      registry,
      onEvent: (e) => got.push(e),
    });
    try {
      await until(
        'two events and four bad lines',
        () => got.length === 2 && link.counters().malformed === 4,
        15_000,
      );
      assert.deepEqual(
        got.map((e) => e.attributes['AttributeTimeinuSecs']),
        [1, 2],
      );
      const metric = await registry.getSingleMetric('exec_tlib_link_malformed_total')!.get();
      const byCode = Object.fromEntries(metric.values.map((v) => [v.labels['code'], v.value]));
      assert.deepEqual(byCode, {
        'bad-json': 1,
        'unknown-message': 1,
        'missing-attribute': 1,
        'line-too-long': 1,
      });
      const server = `127.0.0.1:${srv.port}`;
      for (const line of [2, 3, 4, 5])
        assert.ok(
          logs.some((l) => l.includes(`${server}, line ${line}`)),
          `log names line ${line}`,
        );
    } finally {
      await link.close();
    }
  });

  it('drops a silent peer after the heartbeat goes unanswered, reconnects and registers again', async () => {
    const requests: string[][] = [];
    const srv = await scriptedServer((s, n) => {
      requests[n - 1] = [];
      s.write(JSON.stringify({ message: 'EventLinkConnected', AttributeEventSequenceNumber: 1 }) + '\n');
      // Never answers: not the registrations, not the heartbeat.
      s.on('data', (chunk: string) => requests[n - 1]!.push(...chunk.split('\n').filter(Boolean)));
    });
    servers.push(srv.server);
    const link = createTlibLink({
      servers: `127.0.0.1:${srv.port}`,
      dns: ['6001', 'VQ_1'],
      callMonitoring: true,
      heartbeatMs: 50,
      deadAfterMs: 250,
      backoff: { minMs: 10, maxMs: 50 },
      logger: silentLogger(),
      onEvent: () => undefined,
    });
    try {
      await until('a second connection', () => srv.connections() >= 2, 5000);
      const first = requests[0]!.map((r) => (JSON.parse(r) as { request: string }).request);
      assert.deepEqual(first.slice(0, 3), [
        'RequestRegisterAddress',
        'RequestRegisterAddress',
        'RequestStartCallMonitoring',
      ]);
      assert.ok(first.includes('RequestQueryServer'), 'heartbeats were sent');
      await until('registration on the new connection', () => (requests[1]?.length ?? 0) >= 3, 5000);
    } finally {
      await link.close();
    }
  });
});

describe('T-Lib link endpoint gauge (alert ExcpSipLinkOnBackup)', () => {
  it('shows the configured primary down and the backup up while the primary is killed', async () => {
    const sim = await startSipServerSimulator({ timeScale: 0.003 });
    const registry = new Registry();
    const link = createTlibLink({
      servers: `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`,
      dns: [],
      callMonitoring: false,
      heartbeatMs: 200,
      backoff: { minMs: 20, maxMs: 200 },
      logger: silentLogger(),
      registry,
      name: 'call',
      onEvent: () => undefined,
    });
    const endpoints = async (): Promise<string> => {
      const m = await registry.getSingleMetric('exec_tlib_link_endpoint_connected')!.get();
      return m.values
        .map((v) => `${v.labels.link}/${v.labels.server_pair}/${v.labels.endpoint}=${v.value}`)
        .sort()
        .join(' ');
    };
    try {
      await link.ready({ all: true });
      await until('both up', async () => (await endpoints()) === 'call/1/backup=1 call/1/primary=1');
      await sim.killPrimary();
      await until('on backup', async () => (await endpoints()) === 'call/1/backup=1 call/1/primary=0');
      await sim.restorePrimary();
      await until('primary back', async () => (await endpoints()) === 'call/1/backup=1 call/1/primary=1');
    } finally {
      await link.close();
      await sim.stop();
    }
  });
});
