// `npm run bench -- exas [--agents 1000] [--rate 100] [--burst 1000] [--off-seconds 30] [--on-seconds 70]
// [--outage 0]`: Stat Server simulator → EXAS → Genesys Cloud emulator (through a recording proxy).
// Phase 1, rate limit off: 100 state changes/s with a burst of 1000 every 10 s; p99 latency from the
// Stat Server time of a change to Genesys Cloud's answer accepting it (target < 200 ms).
// Phase 2, the 300/min limit on (emulator and client): the same load for a minute and more; the most
// requests in any 60 s (must stay < 300), then a last burst and the time until every agent is right
// (target < 5 s). Optional phase 3 (--outage S): a Genesys Cloud outage of S seconds during a burst, then
// the time until every agent is right. Both phases check nothing was accepted out of order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, type BenchRow } from './_report.ts';
import {
  orgMatchesSimulator,
  outOfOrder,
  startExasLab,
  until,
  type ExasLab,
} from '../test/agent-state-sync/lab.ts';

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name}: "${args[i + 1]}" is not a number`);
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** When each burst was played: changes stamped inside one are burst changes. */
const burstWindows: [number, number][] = [];

async function admin(lab: ExasLab, method: 'POST' | 'PUT', path: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${lab.sim.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`simulator ${path}: HTTP ${r.status}`);
  return r.json();
}

async function burst(lab: ExasLab, n: number): Promise<void> {
  const started = Date.now();
  await admin(lab, 'POST', '/burst', { count: n });
  burstWindows.push([started, Date.now() + 1]);
}

const schedule = (lab: ExasLab, changesPerSecond: number) =>
  admin(lab, 'PUT', '/schedule', { changesPerSecond });

/** The simulator's schedule at `rate` with a burst every `every` ms, for `ms`; then the schedule stops. */
async function load(lab: ExasLab, rate: number, size: number, every: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  await schedule(lab, rate);
  while (Date.now() + every < end) {
    await sleep(every);
    await burst(lab, size);
  }
  await sleep(Math.max(0, end - Date.now()));
  await schedule(lab, 0);
}

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

function maxPerWindow(times: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  const t = [...times].sort((a, b) => a - b);
  for (let hi = 0; hi < t.length; hi++) {
    while ((t[hi] as number) - (t[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function timeToCorrect(lab: ExasLab, timeoutMs: number): Promise<number> {
  const start = Date.now();
  await until('every agent right', async () => (await orgMatchesSimulator(lab)).ok, {
    timeoutMs,
    intervalMs: 50,
  });
  return Date.now() - start;
}

export async function run(args: string[]): Promise<void> {
  const agents = arg(args, 'agents', 1000);
  const rate = arg(args, 'rate', 100);
  const size = arg(args, 'burst', 1000);
  const offSeconds = arg(args, 'off-seconds', 30);
  const onSeconds = arg(args, 'on-seconds', 70);
  const outage = arg(args, 'outage', 0);
  const dir = mkdtempSync(join(tmpdir(), 'bench-exas-'));
  const statePath = join(dir, 'org.json');
  const rows: BenchRow[] = [];
  const extra: Record<string, unknown> = { agents, rate, burst: size, offSeconds, onSeconds, outage };
  try {
    // Phase 1: limit off. It also creates the users, saved for phase 2.
    // Every part in its own process, as in a deployment: the emulator, the simulator, EXAS (this one).
    let lab = await startExasLab({
      agents,
      rateLimitPerMinute: 'off',
      statePath,
      direct: true,
      emulatorProcess: true,
      simProcess: { changesPerSecond: 0 },
    });
    await until('initial sync', async () => (await orgMatchesSimulator(lab)).ok, {
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    const from = lab.proxy.events.length;
    const t0 = Date.now();
    await load(lab, rate, size, 10_000, offSeconds * 1000);
    await until('settled', async () => (await orgMatchesSimulator(lab)).ok, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    const accepted = lab.proxy.events
      .slice(from)
      .filter((e) => e.status === 200 && !e.rejected && e.answeredAt);
    const inBurst = (t: number) => burstWindows.some(([a, b]) => t >= a && t <= b);
    const lat = accepted.map((e) => (e.answeredAt as number) - Date.parse(e.eventDateTime));
    const sustained = accepted
      .filter((e) => !inBurst(Date.parse(e.eventDateTime)))
      .map((e) => (e.answeredAt as number) - Date.parse(e.eventDateTime));
    const p50 = percentile(lat, 50);
    const p99 = percentile(lat, 99);
    const p99Sustained = percentile(sustained, 99);
    rows.push(
      { metric: 'state changes driven (sustained, plus bursts)', value: rate, unit: '/s' },
      { metric: 'limit off: events accepted', value: accepted.length },
      { metric: 'limit off: latency p50 (all)', value: p50, unit: 'ms' },
      {
        metric: 'limit off: latency p99 (all, bursts included)',
        value: p99,
        unit: 'ms',
        target: '< 200',
        ok: p99 < 200,
      },
      {
        metric: 'limit off: latency p99 (outside bursts)',
        value: p99Sustained,
        unit: 'ms',
        target: '< 200',
        ok: p99Sustained < 200,
      },
      { metric: 'limit off: latency max', value: Math.max(...lat), unit: 'ms' },
      {
        metric: 'limit off: out-of-order events',
        value: outOfOrder(lab.proxy.events).length,
        target: '0',
        ok: outOfOrder(lab.proxy.events).length === 0,
      },
    );
    extra.phase1Seconds = (Date.now() - t0) / 1000;
    await lab.stop();

    if (onSeconds === 0) {
      report('exas', rows, extra);
      return;
    }
    // Phase 2: the 300/min limit on, in the emulator and in EXAS's client.
    lab = await startExasLab({
      agents,
      rateLimitPerMinute: 300,
      statePath,
      emulatorProcess: true,
      simProcess: { changesPerSecond: 0 },
      exas: { cloud: { rateLimitPerMinute: 300, backoff: { baseMs: 250, maxMs: 5000 }, maxRetries: 5 } },
    });
    await until('initial sync (limited)', async () => (await orgMatchesSimulator(lab)).ok, {
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    const reqFrom = lab.proxy.requests.length;
    await load(lab, rate, size, 20_000, onSeconds * 1000);
    await burst(lab, size);
    const ttc = await timeToCorrect(lab, 60_000);
    const reqs = lab.proxy.requests.slice(reqFrom);
    const perMin = maxPerWindow(
      reqs.map((r) => r.at),
      60_000,
    );
    const r429 = reqs.filter((r) => r.status === 429).length;
    rows.push(
      {
        metric: 'limit on: most requests in any 60 s',
        value: perMin,
        unit: 'req/min',
        target: '< 300',
        ok: perMin < 300,
      },
      { metric: 'limit on: 429 answers', value: r429 },
      {
        metric: 'limit on: time to every agent right after a burst',
        value: ttc,
        unit: 'ms',
        target: '< 5000',
        ok: ttc < 5000,
      },
      {
        metric: 'limit on: out-of-order events',
        value: outOfOrder(lab.proxy.events).length,
        target: '0',
        ok: outOfOrder(lab.proxy.events).length === 0,
      },
    );

    if (outage > 0) {
      await fetch(`${lab.emulator.url}/__emulator/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules: [{ path: '/api/v2/events/*', errorRate: 1, errorStatus: 503 }] }),
      });
      await burst(lab, size);
      await schedule(lab, rate);
      await sleep(outage * 1000);
      await schedule(lab, 0);
      await burst(lab, size);
      await fetch(`${lab.emulator.url}/__emulator/faults`, { method: 'DELETE' });
      const after = await timeToCorrect(lab, 120_000);
      rows.push(
        { metric: `outage ${outage} s: time to every agent right after it`, value: after, unit: 'ms' },
        {
          metric: 'outage: out-of-order events',
          value: outOfOrder(lab.proxy.events).length,
          target: '0',
          ok: outOfOrder(lab.proxy.events).length === 0,
        },
      );
    }
    await lab.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report('exas', rows, extra);
}
