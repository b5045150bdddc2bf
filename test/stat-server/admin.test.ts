// The simulator's pinned admin API over HTTP (DESIGN §6), and `exec-connector lab engage stat`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { startStatServerSimulator } from '../../src/lab/engage/stat-server/simulator.ts';
import { until } from '../harness/index.ts';

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> });
const put = (url: string, body: unknown) =>
  fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(json);

describe('Stat Server simulator admin API', () => {
  const stops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const s of stops) await s();
  });

  it('sets, pins, reads and unpins agents; validates bodies', async () => {
    const sim = await startStatServerSimulator({ agents: ['1'] });
    stops.push(sim.stop);
    const u = sim.adminUrl;
    const set = await put(`${u}/agents/1`, { state: 'NotReady', reason: 'Meal', call: 'inbound' });
    assert.equal(set.status, 200);
    assert.deepEqual(
      { ...set.body, since: undefined },
      {
        employeeId: '1',
        state: 'NotReady',
        reason: 'Meal',
        call: 'inbound',
        held: false,
        pinned: true,
        since: undefined,
      },
    );
    assert.deepEqual((await fetch(`${u}/agents/1`).then(json)).body.state, 'NotReady');
    // a new agent is created by PUT; call defaults to none
    assert.equal((await put(`${u}/agents/new-1`, { state: 'Ready' })).body.call, 'none');
    for (const [body, where] of [
      [{ state: 'Sleeping', call: 'none' }, /state/],
      [{ state: 'Ready', call: 'video' }, /call/],
      [{ call: 'none' }, /state/],
    ] as const) {
      const r = await put(`${u}/agents/1`, body);
      assert.equal(r.status, 400);
      assert.match(String(r.body.error), where);
    }
    assert.equal((await fetch(`${u}/agents/nobody`)).status, 404);
    const unpinned = await fetch(`${u}/agents/1/pin`, { method: 'DELETE' }).then(json);
    assert.equal(unpinned.body.pinned, false);
    assert.equal(unpinned.body.state, 'NotReady');
    assert.equal(((await fetch(`${u}/agents`).then(json)).body.agents as unknown[]).length, 2);
  });

  it('switchover, kill-primary and restore-primary change the servers as documented', async () => {
    const sim = await startStatServerSimulator();
    stops.push(sim.stop);
    const post = (p: string) => fetch(`${sim.adminUrl}${p}`, { method: 'POST' }).then(json);
    type S = { servers: { name: string; mode: string; alive: boolean }[] };
    const modes = (b: unknown) =>
      (b as S).servers.map((s) => `${s.name}:${s.mode}:${s.alive ? 'up' : 'dead'}`);
    assert.deepEqual(modes((await post('/switchover')).body), ['primary:backup:up', 'backup:primary:up']);
    assert.deepEqual(modes((await post('/kill-primary')).body), [
      'primary:primary:up',
      'backup:primary:dead',
    ]);
    assert.deepEqual(modes((await post('/restore-primary')).body), [
      'primary:primary:up',
      'backup:backup:up',
    ]);
  });

  it('bursts and the schedule rate (our additions for benchmarks)', async () => {
    const sim = await startStatServerSimulator({ agents: ['a', 'b', 'c'] });
    stops.push(sim.stop);
    await put(`${sim.adminUrl}/agents/c`, { state: 'Ready', call: 'none' }); // pinned: left alone
    const before = sim.agents().map((a) => a.since);
    const r = await fetch(`${sim.adminUrl}/burst`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 2 }),
    }).then(json);
    assert.equal(r.body.changed, 2);
    assert.equal(sim.agents().filter((a, i) => a.since !== before[i]).length, 2);
    assert.equal(sim.getAgent('c')?.state, 'Ready');
    assert.equal((await put(`${sim.adminUrl}/schedule`, { changesPerSecond: 5 })).body.changesPerSecond, 5);
    assert.equal((await put(`${sim.adminUrl}/schedule`, { changesPerSecond: -1 })).status, 400);
  });

  it('exec-connector lab engage stat serves the admin API until Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [
        'bin/exec-connector.js',
        'lab',
        'engage',
        'stat',
        '--port',
        '0',
        '--backup-port',
        '0',
        '--admin-port',
        '0',
        '--rate',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const admin = await until(
      'the admin API line',
      () => /admin API: (http:\/\/\S+)/.exec(out)?.[1],
      20_000,
    ).catch((err: Error) => assert.fail(`${err.message}: ${out}`));
    assert.equal(
      (await put(`${admin}/agents/42`, { state: 'Ready', call: 'internal' })).body.call,
      'internal',
    );
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(out, /Stat Server simulator: primary 127\.0\.0\.1:\d+, backup 127\.0\.0\.1:\d+/);
  });
});
