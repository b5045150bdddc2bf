// The Config DB reader's time for a large contact center (default 10,000 agent persons): a full
// snapshot, a folder-filtered one, and the change poll after one change; on a real PostgreSQL
// (--database-url, DATABASE_URL, or a throwaway server) and on embedded PGlite.
// `npm run bench -- configdb-reader [--persons N] [--database-url URL] [--no-pglite]`
import pg from 'pg';
import { parseArgs } from 'node:util';
import { report, type BenchRow } from './_report.ts';
import { startPostgresServer, type RunningServer } from '../test/harness/servers.ts';
import {
  openConfigDbUrl,
  readChangesSince,
  readSnapshot,
  type ConfigDbClient,
} from '../src/engage/configdb/index.ts';
import { openLabDatabase, seedLabConfigDb, setSkillLevel } from '../src/lab/engage/configdb/index.ts';

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function measure(label: string, client: ConfigDbClient, persons: number, rows: BenchRow[]) {
  const [, seedMs] = await timed(() => seedLabConfigDb(client, { agents: persons, seed: 1, reset: true }));
  rows.push({ metric: `${label}: seed ${persons} agents`, value: seedMs / 1000, unit: 's' });
  const full: number[] = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const [snap, ms] = await timed(() => readSnapshot(client));
    full.push(ms);
    count = snap.persons.length;
  }
  rows.push({
    metric: `${label}: full snapshot (${count} persons)`,
    value: median(full) / 1000,
    unit: 's',
    ...(label === 'postgresql' ? { target: '< 3 s', ok: median(full) < 3000 } : {}),
  });
  const filtered: number[] = [];
  for (let i = 0; i < 3; i++) {
    filtered.push((await timed(() => readSnapshot(client, { folderFilter: ['EX_EVOLUTION'] })))[1]);
  }
  rows.push({
    metric: `${label}: snapshot filtered to EX_EVOLUTION`,
    value: median(filtered) / 1000,
    unit: 's',
  });
  const snap = await readSnapshot(client);
  await setSkillLevel(client, 1001, 201, 4);
  const [changes, pollMs] = await timed(() => readChangesSince(client, snap.cursor));
  rows.push({
    metric: `${label}: change poll (${changes.changes.length} change)`,
    value: pollMs,
    unit: 'ms',
    ...(label === 'postgresql' ? { target: '< 50 ms', ok: pollMs < 50 } : {}),
  });
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      persons: { type: 'string', default: '10000' },
      'database-url': { type: 'string' },
      'no-pglite': { type: 'boolean', default: false },
    },
  });
  const persons = Number(values.persons);
  if (!Number.isInteger(persons) || persons < 1)
    throw new Error(`--persons "${values.persons}" is not a positive integer`);
  const rows: BenchRow[] = [];
  let server: RunningServer | undefined;
  let url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) {
    server = await startPostgresServer();
    url = server.url;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dbName = `bench_configdb_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${dbName}`;
  const conn = openConfigDbUrl(dbUrl.toString(), { poolSize: 2 });
  try {
    await measure('postgresql', conn.client, persons, rows);
  } finally {
    await conn.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await server?.stop();
  }
  if (!values['no-pglite']) {
    const lite = await openLabDatabase();
    try {
      await measure('pglite', lite.client, persons, rows);
    } finally {
      await lite.close();
    }
  }
  report('configdb-reader', rows, { persons });
}
