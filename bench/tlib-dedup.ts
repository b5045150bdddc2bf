// The T-Lib link's pair de-duplication windows at full size, as an EXCP instance holds them (three links
// × two SIP Server pairs, 200,000 identities each): heap per remembered identity, a full GC over them,
// and accepts per second. `npm run bench -- tlib-dedup [--windows 6] [--window 200000]`.
import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PairDeduplicator } from '../src/engage/tlib/link/dedup.ts';
import { report } from './_report.ts';

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

export async function run(args: string[]): Promise<void> {
  const windows = arg(args, 'windows', 6);
  const size = arg(args, 'window', 200_000);
  // A full GC on demand, to measure the heap the windows hold and what collecting it costs.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const ds = Array.from({ length: windows }, () => new PairDeduplicator(size));
  // Keys as lineKey makes them (a SHA-1 digest in base64); each arrives from both servers. Twice the
  // window, so every window is full and has forgotten as many as it holds.
  const total = 2 * size * windows;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const key = hash('sha1', `EventEstablished|${i}|7001|1780000000.${i}`, 'base64');
    const d = ds[i % windows]!;
    d.accept(key, 0);
    d.accept(key, 1);
  }
  const acceptMs = performance.now() - t0;
  gc();
  const held = process.memoryUsage().heapUsed - before;
  const g0 = performance.now();
  gc();
  const gcMs = performance.now() - g0;
  const remembered = ds.reduce((n, d) => n + d.size, 0);
  report(
    'tlib-dedup',
    [
      { metric: `identities remembered (${windows} windows of ${size})`, value: remembered },
      { metric: 'heap held by the windows', value: held / 1e6, unit: 'MB' },
      { metric: 'heap per remembered identity', value: held / remembered, unit: 'bytes' },
      { metric: 'a full GC with the windows held', value: gcMs, unit: 'ms' },
      {
        metric: 'accepts per second (hashing the key included)',
        value: Math.round((2 * total) / (acceptMs / 1000)),
        unit: 'accepts/s',
      },
    ],
    { windows, window: size },
  );
}
