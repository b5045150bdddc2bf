// `npm run bench -- fuzz [--count 100000] [--seed 16]`: the long run of the fuzz test
// (test/security/fuzz.test.ts runs it short in `npm test`): `count` malformed-or-valid inputs each at a
// running EXCS over HTTP (with EXEC_API_TOKEN set), at the Stat Server link client from a hostile server,
// and at the T-Lib log reader. Prints what was thrown and what came back; ok = no 5xx, no /api answer
// without the token, every bad input reported once, nothing valid lost.
import { createLogger } from '../src/core/logger.ts';
import { initialSync, startRig } from '../test/config-sync/harness.ts';
import { CapturedLines } from '../test/foundation/capture.ts';
import { fuzzHttp, fuzzLogBlocks, fuzzStatLink } from '../test/harness/fuzz.ts';
import { startPostgresServer, startRedisServer, type RunningServer } from '../test/harness/servers.ts';
import { report } from './_report.ts';

function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : dflt;
}

const TOKEN = 'fuzz-api-token-0123456789';

export async function run(args: string[]): Promise<void> {
  const count = Number(arg(args, 'count', process.env.FUZZ_COUNT ?? '100000'));
  const seed = Number(arg(args, 'seed', process.env.FUZZ_SEED ?? '16'));
  const servers: RunningServer[] = [];
  try {
    if (!process.env.REDIS_URL) {
      const redis = await startRedisServer();
      servers.push(redis);
      process.env.REDIS_URL = redis.url;
    }
    if (!process.env.DATABASE_URL) {
      const pgServer = await startPostgresServer();
      servers.push(pgServer);
      process.env.DATABASE_URL = pgServer.url;
    }
    const rig = await startRig(5, 'bench_fuzz');
    rig.vars.EXEC_API_TOKEN = TOKEN;
    const { running, sync } = await rig.startExcs();
    await initialSync(sync);

    let t = Date.now();
    const http = await fuzzHttp(running.url, {
      count,
      seed,
      token: TOKEN,
      secrets: ['exec-lab-secret'],
      concurrency: 16,
    });
    const httpMs = Date.now() - t;
    const healthy = (await fetch(`${running.url}/health`)).status === 200;
    await rig.close();

    const out = new CapturedLines();
    const logger = await createLogger({ service: 'exas', destination: out });
    t = Date.now();
    const stat = await fuzzStatLink({
      count,
      seed,
      logger,
      countWarnings: () => out.lines.filter((l) => l.includes('malformed Stat Server message')).length,
    });
    const statMs = Date.now() - t;
    t = Date.now();
    const log = fuzzLogBlocks({ count, seed });
    const logMs = Date.now() - t;

    report(
      'fuzz',
      [
        { metric: 'HTTP requests (raw malformed included)', value: http.requests + http.raw },
        {
          metric: 'HTTP problems (5xx, served without token)',
          value: http.problems.length,
          target: '0',
          ok: http.problems.length === 0,
        },
        { metric: 'EXCS healthy afterwards', value: healthy ? 'yes' : 'no', ok: healthy },
        {
          metric: 'HTTP requests per second',
          value: Math.round(((http.requests + http.raw) * 1000) / httpMs),
          unit: '/s',
        },
        { metric: 'Stat lines (bad)', value: `${stat.lines} (${stat.bad})` },
        {
          metric: 'Stat bad lines reported',
          value: stat.reported,
          target: String(stat.bad),
          ok: stat.reported === stat.bad,
        },
        {
          metric: 'Stat valid updates delivered',
          value: stat.updates,
          target: String(stat.valid),
          ok: stat.updates === stat.valid,
        },
        {
          metric: 'Stat warning lines written',
          value: stat.warnings,
          target: '<= 10',
          ok: stat.warnings <= 10,
        },
        { metric: 'Stat lines per second', value: Math.round((stat.lines * 1000) / statMs), unit: '/s' },
        { metric: 'log blocks (bad)', value: `${log.blocks} (${log.bad})` },
        {
          metric: 'log bad blocks reported at their line',
          value: log.errors - log.misplaced,
          target: String(log.bad),
          ok: log.errors === log.bad && log.misplaced === 0,
        },
        {
          metric: 'log good blocks read',
          value: log.messages,
          target: String(log.valid),
          ok: log.messages === log.valid,
        },
        {
          metric: 'log blocks per second',
          value: Math.round((log.blocks * 1000) / Math.max(1, logMs)),
          unit: '/s',
        },
      ],
      { count, seed, httpStatuses: http.byStatus, httpProblems: http.problems.slice(0, 20) },
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
