// Part (b) of `npm run bench -- cloud`: how many conversation events per second the cloud emulator
// ingests (validates, applies, audits) in batches of 100 with the rate limit off. It must stay above
// 20,000/s on a 2-core machine so it is never the bottleneck of other benchmarks.
// `npm run bench -- cloud-emulator-ingest [--batches N] [--concurrency C]`
import { Pool } from 'undici';
import { answeredCall } from '../src/lab/cloud-emulator/events/test-fixtures.ts';
import { startCloudEmulator } from '../src/lab/cloud-emulator/index.ts';
import { report } from './_report.ts';

export interface IngestResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  rejected: number;
  batches: number;
}

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export async function measureIngest(batches = 4000, concurrency = 8): Promise<IngestResult> {
  // Whole calls per request: only the lenient time-sorted replay applies them (the throughput is the point).
  const emu = await startCloudEmulator({ port: 0, rateLimitPerMinute: 'off', eventOrder: 'sorted' });
  const pool = new Pool(emu.url, { connections: concurrency, pipelining: 1 });
  try {
    const basic = Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString('base64');
    const tokenRes = await pool.request({
      path: '/oauth/token',
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await tokenRes.body.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const r = await pool.request({ path, method: 'POST', headers, body: JSON.stringify(body) });
      const json = (await r.body.json()) as { id: string };
      if (r.statusCode !== 200) throw new Error(`${path}: HTTP ${r.statusCode} ${JSON.stringify(json)}`);
      return json.id;
    };
    const ids = {
      sourceId: await post('/api/v2/presence/sources', { name: 'Engage' }),
      queueId: await post('/api/v2/routing/queues', { name: 'VQ_Bench' }),
      wrapupCodeId: await post('/api/v2/routing/wrapupcodes', { name: 'Done' }),
      userId: '',
    };
    const u = await pool.request({
      path: '/api/v2/scim/v2/users',
      method: 'POST',
      headers,
      body: JSON.stringify({ userName: 'bench@example.com', displayName: 'Bench Agent' }),
    });
    ids.userId = ((await u.body.json()) as { id: string }).id;

    // Bodies built before the clock starts: the figure is the emulator's, not the generator's.
    const bodies: string[] = [];
    const t0 = Date.now() - 3_600_000;
    for (let b = 0; b < batches; b++) {
      const merged: Record<string, unknown[]> = {};
      for (let k = 0; k < 10; k++)
        for (const [key, list] of Object.entries(answeredCall(ids, t0 + b * 1000 + k).batch))
          (merged[key] ??= []).push(...list);
      bodies.push(JSON.stringify(merged));
    }
    let next = 0;
    let rejected = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          const r = await pool.request({
            path: '/api/v2/events/conversations',
            method: 'POST',
            headers,
            body,
          });
          const out = (await r.body.json()) as { errors?: unknown[] };
          if (r.statusCode !== 200) throw new Error(`events: HTTP ${r.statusCode}`);
          rejected += out.errors?.length ?? 0;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const events = batches * 100;
    return { events, seconds, eventsPerSecond: events / seconds, rejected, batches };
  } finally {
    await pool.close();
    await emu.stop();
  }
}

export async function run(args: string[]): Promise<void> {
  const r = await measureIngest(arg(args, 'batches', 4000), arg(args, 'concurrency', 8));
  report(
    'cloud-emulator-ingest',
    [
      { metric: 'conversation events ingested', value: r.events, unit: 'events' },
      { metric: 'batches of 100', value: r.batches, unit: 'requests' },
      { metric: 'events rejected', value: r.rejected, unit: 'events', target: '0', ok: r.rejected === 0 },
      { metric: 'elapsed', value: r.seconds, unit: 's' },
      {
        metric: 'ingest rate',
        value: Math.round(r.eventsPerSecond),
        unit: 'events/s',
        target: '>= 20,000',
        ok: r.eventsPerSecond >= 20_000,
      },
    ],
    { rateLimit: 'off', batchSize: 100 },
  );
}
