// Runs every *.test.ts under src/ and test/ with Node's test runner. Starts one throwaway Redis and one
// PostgreSQL for the whole run unless REDIS_URL / DATABASE_URL are given; suites isolate themselves
// with their own key prefixes and databases (test/harness).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgresServer, startRedisServer, type RunningServer } from '../test/harness/servers.ts';

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (entry === 'node_modules') continue;
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (entry.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((d) => findTests(d))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const servers: RunningServer[] = [];
// Spawned CLIs run the sources, never a dist/ left by an earlier build.
const env: NodeJS.ProcessEnv = { ...process.env, EXEC_CONNECTOR_FROM_SOURCE: '1' };
try {
  if (!env.REDIS_URL) {
    const r = await startRedisServer();
    servers.push(r);
    env.REDIS_URL = r.url;
  }
  if (!env.DATABASE_URL) {
    const p = await startPostgresServer();
    servers.push(p);
    env.DATABASE_URL = p.url;
  }
} catch (err) {
  console.error(`cannot start test servers: ${(err as Error).message}`);
  await Promise.all(servers.map((s) => s.stop()));
  process.exit(1);
}

const concurrency = process.env.TEST_CONCURRENCY ?? '3';
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await Promise.all(servers.map((s) => s.stop()));
process.exit(code);
