// `npm run bench -- tlib [--calls N] [--runs R] [--mix M] [--link-only]`: the T-Lib JSON link's events
// per second from the SIP Server simulator (primary + backup, in a worker thread) to the link client
// (both streams read, each event passed on once), best of R passes; then the log reader's throughput
// (bench/tlib-logreader.ts).
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { silentLogger } from '../src/core/logger.ts';
import { createTlibLink } from '../src/engage/tlib/link/index.ts';
import { report } from './_report.ts';

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * CPU seconds the main thread (the link client) has used, from /proc (Linux): unlike wall time, this
 * does not depend on what else the machine is running. Undefined elsewhere.
 */
function mainThreadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

interface Pass {
  events: number;
  delivered: number;
  duplicates: number;
  malformed: number;
  sendSeconds: number;
  seconds: number;
  cpu?: number;
}

type FromWorker =
  | { kind: 'ready'; primaryPort: number; backupPort: number; dns: string[] }
  | { kind: 'queued'; events: number }
  | { kind: 'drained'; sendMs: number };

export async function runLinkBench(args: string[]): Promise<void> {
  const calls = Number(arg(args, '--calls') ?? 4000);
  const mix = arg(args, '--mix');
  const runs = Math.max(1, Number(arg(args, '--runs') ?? 3));
  // A .ts worker entry is loaded through tsx's scoped loader.
  const entry = new URL('./_tlib-sim-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((t) => t.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(boot, { eval: true });
  const next = (kind: FromWorker['kind']): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      const on = (m: FromWorker) => {
        if (m.kind !== kind) return;
        worker.off('message', on);
        resolve(m);
      };
      worker.on('message', on);
      worker.once('error', reject);
    });
  const ready = (await next('ready')) as Extract<FromWorker, { kind: 'ready' }>;
  let delivered = 0;
  let firstAt = 0;
  let lastAt = 0;
  const link = createTlibLink({
    servers: `127.0.0.1:${ready.primaryPort}/127.0.0.1:${ready.backupPort}`,
    dns: ready.dns,
    callMonitoring: true,
    heartbeatMs: 5000,
    logger: silentLogger(),
    onEvent: () => {
      if (delivered++ === 0) firstAt = performance.now();
      lastAt = performance.now();
    },
  });
  await link.ready();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** One pass: `calls` calls released at once; counters are reset per pass. */
  const pass = async (): Promise<Pass> => {
    delivered = 0;
    const base = link.counters();
    const cpuBefore = mainThreadCpuSeconds();
    const queued = next('queued');
    const drained = next('drained');
    worker.postMessage({ kind: 'play', calls, ...(mix ? { mix } : {}) });
    const { events } = (await queued) as Extract<FromWorker, { kind: 'queued' }>;
    const deadline = Date.now() + 300_000;
    while (delivered < events && Date.now() < deadline) await sleep(20);
    // The slower stream's copies arrive after the last event was passed on: wait for them to be dropped.
    while (link.counters().duplicates - base.duplicates < events && Date.now() < deadline) await sleep(20);
    const cpuAfter = mainThreadCpuSeconds();
    const { sendMs } = (await drained) as Extract<FromWorker, { kind: 'drained' }>;
    const c = link.counters();
    return {
      events,
      delivered,
      duplicates: c.duplicates - base.duplicates,
      malformed: c.malformed - base.malformed,
      sendSeconds: sendMs / 1000,
      seconds: (lastAt - firstAt) / 1000,
      ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpu: cpuAfter - cpuBefore } : {}),
    };
  };
  const passes: Pass[] = [];
  for (let i = 0; i < runs; i++) passes.push(await pass());
  await link.close();
  worker.postMessage({ kind: 'stop' });
  await new Promise((r) => worker.once('exit', r));

  // Best of the passes: on a shared machine the best pass is the one least disturbed by others.
  const rateOf = (p: Pass) => p.delivered / p.seconds;
  const best = passes.reduce((a, b) => (rateOf(b) > rateOf(a) ? b : a));
  const rate = rateOf(best);
  const allOk = passes.every(
    (p) => p.delivered === p.events && p.duplicates === p.events && p.malformed === 0,
  );
  report(
    'tlib link: SIP Server simulator (primary + backup) → link client',
    [
      { metric: 'calls per pass', value: calls },
      { metric: 'events per pass', value: best.events },
      { metric: 'passes: every event once, every copy dropped', value: passes.length, ok: allOk },
      { metric: 'simulator: all events written', value: best.sendSeconds, unit: 's' },
      { metric: 'client: first to last event', value: best.seconds, unit: 's' },
      {
        metric: 'link throughput (best pass)',
        value: Math.round(rate),
        unit: 'events/s',
        target: '≥ 50,000',
        ok: rate >= 50_000,
      },
      {
        metric: 'link throughput (passes)',
        value: passes.map((p) => Math.round(rateOf(p))).join(', '),
        unit: 'events/s',
      },
      ...(best.cpu !== undefined
        ? [
            { metric: 'client CPU time (main thread)', value: best.cpu, unit: 's' },
            {
              metric: 'events per client CPU second',
              value: Math.round(best.delivered / best.cpu),
              unit: 'events/s',
            },
          ]
        : []),
    ],
    {
      eventsPerSecond: Math.round(rate),
      ...(best.cpu !== undefined ? { eventsPerCpuSecond: Math.round(best.delivered / best.cpu) } : {}),
    },
  );
}

export async function run(args: string[]): Promise<void> {
  await runLinkBench(args);
  if (args.includes('--link-only')) return;
  if (existsSync(new URL('./tlib-logreader.ts', import.meta.url))) {
    const mod = (await import('./tlib-logreader.ts')) as { runLogReaderBench(args: string[]): Promise<void> };
    await mod.runLogReaderBench(args);
  }
}
