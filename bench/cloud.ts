// `npm run bench -- cloud [--duration S] [--concurrency N] [--skip-ingest] [-- <ingest args>]`
// (a) the client against the emulator with the real 300/min per-token limit: sustained requests per minute
//     over the duration (default 120 s), target ≥ 290/min with no 429;
// (b) the emulator's event ingestion, by bench/cloud-emulator-ingest.ts (when present).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { createCloudClient, type CloudRequest } from '../src/cloud/index.ts';
import { startCloudEmulator } from '../src/lab/cloud-emulator/index.ts';
import { report } from './_report.ts';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`${name} expects a positive number, got "${args[i + 1]}"`);
  return v;
}

const MIX: Omit<CloudRequest, 'signal'>[] = [
  { area: 'routing', method: 'GET', path: '/api/v2/routing/skills', query: { pageSize: 25 } },
  { area: 'routing', method: 'GET', path: '/api/v2/routing/queues', query: { pageSize: 25 } },
  { area: 'presence', method: 'GET', path: '/api/v2/presence/sources' },
  { area: 'presence', method: 'GET', path: '/api/v2/presence/definitions' },
  { area: 'authorization', method: 'GET', path: '/api/v2/authorization/divisions/home' },
  { area: 'scim', method: 'GET', path: '/api/v2/scim/v2/users', query: { count: 10 } },
];

async function sustained(durationS: number, concurrency: number) {
  const emu = await startCloudEmulator({ host: '127.0.0.1', port: 0, rateLimitPerMinute: 300 });
  const registry = new Registry();
  const client = createCloudClient({
    apiUrl: emu.url,
    authUrl: emu.url,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    registry,
  });
  const stop = new AbortController();
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  const timer = setTimeout(() => stop.abort(new Error('bench over')), durationS * 1000);
  const worker = async (w: number): Promise<void> => {
    for (let i = w; performance.now() < deadline; i += concurrency) {
      try {
        await client.request({ ...MIX[i % MIX.length]!, caller: `worker${w}`, signal: stop.signal });
        if (performance.now() <= deadline) ok++;
      } catch {
        if (!stop.signal.aborted) failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  clearTimeout(timer);
  const elapsedS = Math.min(durationS, (performance.now() - started) / 1000);
  const tooManyMetric = await registry.getSingleMetric('exec_cloud_rate_limited_total')!.get();
  const tooMany = tooManyMetric.values.reduce((s, v) => s + v.value, 0);
  await client.close();
  await emu.stop();
  return { ok, failed, tooMany, perMinute: ok / (elapsedS / 60), elapsedS };
}

export async function run(args: string[]): Promise<void> {
  const dashdash = args.indexOf('--');
  const own = dashdash < 0 ? args : args.slice(0, dashdash);
  const ingestArgs = dashdash < 0 ? [] : args.slice(dashdash + 1);
  const durationS = flag(own, '--duration', 120);
  const concurrency = flag(own, '--concurrency', 8);

  const a = await sustained(durationS, concurrency);
  report(
    'cloud (a): client sustained rate under the 300/min per-token limit',
    [
      { metric: 'duration', value: a.elapsedS, unit: 's' },
      { metric: 'concurrent callers', value: concurrency },
      { metric: 'requests completed', value: a.ok },
      {
        metric: 'requests per minute',
        value: a.perMinute,
        unit: 'req/min',
        target: '>= 290',
        ok: a.perMinute >= 290,
      },
      { metric: '429 responses', value: a.tooMany, target: '0', ok: a.tooMany === 0 },
      { metric: 'failed requests', value: a.failed, target: '0', ok: a.failed === 0 },
    ],
    { part: 'a', durationS },
  );

  const ingest = fileURLToPath(new URL('./cloud-emulator-ingest.ts', import.meta.url));
  if (own.includes('--skip-ingest')) return;
  if (!existsSync(ingest)) {
    console.log('\ncloud (b): bench/cloud-emulator-ingest.ts is not there yet; part (b) skipped');
    return;
  }
  const mod = (await import('./cloud-emulator-ingest.ts' as string)) as {
    run(args: string[]): Promise<void>;
  };
  await mod.run(ingestArgs);
}
