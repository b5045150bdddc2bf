// The demo's control API (loopback only, the console's origin only) and the lab operations it runs
// against a real SIP Server simulator and a real Genesys Cloud emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DemoContext, DemoOperation } from '../../src/core/demo-component.ts';
import { labOperations } from '../../src/demo/control/lab-operations.ts';
import { buildControlApp } from '../../src/demo/control/server.ts';
import { startCloudEmulator, type CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import {
  generateTopology,
  startSipServerSimulator,
  type SipSimulator,
} from '../../src/lab/engage/sip-server/index.ts';
import { until } from '../harness/index.ts';

const CONSOLE = 'http://127.0.0.1:3600';

describe('the control API', () => {
  const runs: (string | undefined)[] = [];
  const ops: DemoOperation[] = [
    {
      id: 'echo',
      label: 'Echo',
      group: 'g',
      input: { kind: 'number', label: 'n', min: 0, max: 9, value: 1 },
      async run(value) {
        runs.push(value);
        return `got ${value}`;
      },
    },
    {
      id: 'fail',
      label: 'Fail',
      group: 'g',
      async run() {
        throw new Error('cannot do that now');
      },
    },
  ];
  const app = buildControlApp({
    consoleUrl: CONSOLE,
    operations: () => ops,
    status: () => [{ name: 'excp', in: 1, out: 2, lagMs: 3, rateLimited: 0, rejected: 0, note: null }],
  });
  const json = { 'content-type': 'application/json' };
  after(() => app.close());

  it('lists the operations without their code, and runs one with its value', async () => {
    const list = await app.inject({ method: 'GET', url: '/operations' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().operations.map((o: { id: string; input?: unknown }) => [o.id, !!o.input]),
      [
        ['echo', true],
        ['fail', false],
      ],
    );
    const run = await app.inject({
      method: 'POST',
      url: '/operations/echo',
      headers: { ...json, origin: CONSOLE },
      payload: { value: 7 },
    });
    assert.equal(run.statusCode, 200);
    assert.deepEqual(run.json(), { result: 'got 7' });
    assert.equal(run.headers['access-control-allow-origin'], CONSOLE);
    assert.deepEqual(runs, ['7']);
    const status = await app.inject({ method: 'GET', url: '/status' });
    assert.equal(status.json().services[0].name, 'excp');
  });

  it('answers the console origin’s preflight, also as localhost', async () => {
    const pre = await app.inject({
      method: 'OPTIONS',
      url: '/operations/echo',
      headers: { origin: 'http://localhost:3600', 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], 'http://localhost:3600');
    assert.match(String(pre.headers['access-control-allow-headers']), /content-type/);
  });

  it('refuses other origins, other peers, bodies that are not JSON, unknown operations; says why one failed', async () => {
    const before = runs.length;
    const evil = await app.inject({
      method: 'POST',
      url: '/operations/echo',
      headers: { ...json, origin: 'http://evil.example' },
      payload: {},
    });
    assert.equal(evil.statusCode, 403);
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    const remote = await app.inject({
      method: 'POST',
      url: '/operations/echo',
      headers: json,
      payload: {},
      remoteAddress: '10.1.2.3',
    });
    assert.equal(remote.statusCode, 403);
    assert.match(remote.json().error, /loopback/);
    const form = await app.inject({
      method: 'POST',
      url: '/operations/echo',
      headers: { 'content-type': 'text/plain' },
      payload: 'value=1',
    });
    assert.equal(form.statusCode, 415);
    assert.equal(runs.length, before);
    const unknown = await app.inject({ method: 'POST', url: '/operations/nope', headers: json, payload: {} });
    assert.equal(unknown.statusCode, 404);
    const extra = await app.inject({
      method: 'POST',
      url: '/operations/echo',
      headers: json,
      payload: { x: 1 },
    });
    assert.equal(extra.statusCode, 400);
    const failed = await app.inject({ method: 'POST', url: '/operations/fail', headers: json, payload: {} });
    assert.equal(failed.statusCode, 409);
    assert.deepEqual(failed.json(), { error: 'cannot do that now' });
  });
});

describe('the lab operations', () => {
  let sim: SipSimulator;
  let cloud: CloudEmulator;
  let ops: Map<string, DemoOperation>;
  const timers = new Set<NodeJS.Timeout>();
  const out: string[] = [];

  before(async () => {
    sim = await startSipServerSimulator({ topology: generateTopology({ agents: 10 }), timeScale: 0.001 });
    cloud = await startCloudEmulator({ port: 0, rateLimitPerMinute: 'off' });
    const ctx: DemoContext = {
      options: { agents: 10, caps: 0, changes: false, open: false },
      io: { out: (l) => void out.push(l), err: (l) => void out.push(`ERR ${l}`) },
      urls: { sipAdmin: sim.adminUrl, cloud: cloud.url },
    };
    ops = new Map(labOperations(ctx, timers).map((o) => [o.id, o]));
  });
  after(async () => {
    for (const t of timers) clearTimeout(t);
    await sim.stop();
    await cloud.stop();
  });

  const traffic = async () =>
    ((await (await fetch(`${sim.adminUrl}/traffic`)).json()) as { caps: number }).caps;
  const faults = async () =>
    ((await (await fetch(`${cloud.url}/__emulator/faults`)).json()) as { rules: Record<string, unknown>[] })
      .rules;

  it('offers only what the lab it was given can do', () => {
    assert.deepEqual([...ops.keys()].sort(), [
      'cloud-429-storm',
      'cloud-clear',
      'cloud-outage',
      'play-scenario',
      'sip-switchover',
      'traffic-rate',
      'traffic-start',
      'traffic-stop',
    ]);
  });

  it('sets, stops and restarts the traffic; refuses a rate out of range', async () => {
    assert.equal(await ops.get('traffic-rate')!.run('2'), '2 calls/s');
    assert.equal(await traffic(), 2);
    await ops.get('traffic-stop')!.run();
    assert.equal(await traffic(), 0);
    await ops.get('traffic-start')!.run();
    assert.equal(await traffic(), 2);
    await ops.get('traffic-stop')!.run();
    await assert.rejects(ops.get('traffic-rate')!.run('500'), /calls per second: a number from 0 to 50/);
    await assert.rejects(ops.get('traffic-rate')!.run('fast'), /calls per second/);
  });

  it('plays a named scenario and refuses an unknown one', async () => {
    assert.match(await ops.get('play-scenario')!.run('ivr-only'), /^ivr-only: call [0-9A-Z]+, ends at /);
    await assert.rejects(ops.get('play-scenario')!.run('nope'), /scenario: one of ivr-only/);
  });

  it('switches the SIP Server over', async () => {
    await ops.get('sip-switchover')!.run();
    const state = (await (await fetch(`${sim.adminUrl}/state`)).json()) as {
      pairs: { nodes: { name: string; role: string }[] }[];
    };
    assert.equal(state.pairs[0]?.nodes.find((n) => n.role === 'primary')?.name.endsWith('_B'), true);
  });

  it('injects a 429 storm, an outage that ends by itself, and clears', async () => {
    await ops.get('cloud-429-storm')!.run('5');
    assert.equal((await faults())[0]?.storm429Seconds, 5);
    const token = await fetch(`${cloud.url}/api/v2/routing/skills`);
    assert.equal(token.status, 429);
    await ops.get('cloud-clear')!.run();
    assert.deepEqual(await faults(), []);
    await ops.get('cloud-outage')!.run('1');
    assert.equal((await fetch(`${cloud.url}/api/v2/routing/skills`)).status, 503);
    await until('the outage to end', async () => (await faults()).length === 0, 5_000);
    assert.ok(out.some((l) => /outage for 1 s/.test(l)));
    await assert.rejects(ops.get('cloud-outage')!.run('0'), /seconds: a number from 1 to 600/);
  });
});
