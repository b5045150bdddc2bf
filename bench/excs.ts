// `npm run bench -- excs [--agents 1000] [--rate 300|off] [--reader-persons 10000]`
// 1. The initial sync of N agents (skills, 50 queues, members, wrap-up codes) into the cloud emulator with
//    its rate limit on (300 requests/minute by default, as the real per-token limit): wall time, API calls
//    in all and per object. The seeds quote 30–40 minutes for 1000 agents; the target is under 5.
// 2. One change in Engage (a person renamed) until it shows in the org: target under 30 s.
// 3. The Config DB reader's snapshot of 10,000 persons.
import pg from 'pg';
import { commonConfig } from '../src/core/config/service-config.ts';
import { silentLogger } from '../src/core/logger.ts';
import { createMetricsRegistry } from '../src/core/metrics.ts';
import { openConfigDbUrl, readSnapshot } from '../src/engage/configdb/index.ts';
import { startCloudEmulator } from '../src/lab/cloud-emulator/index.ts';
import { openLabDatabase, seedLabConfigDb, updatePerson } from '../src/lab/engage/configdb/index.ts';
import { createConfigSync } from '../src/services/config-sync/service.ts';
import { createStore } from '../src/store/index.ts';
import { startPostgresServer, startRedisServer, type RunningServer } from '../test/harness/servers.ts';
import { report, type BenchRow } from './_report.ts';

function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : dflt;
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function run(args: string[]): Promise<void> {
  const agents = Number(arg(args, 'agents', '1000'));
  const rateArg = arg(args, 'rate', '300');
  const rate = rateArg === 'off' ? 'off' : Number(rateArg);
  const readerPersons = Number(arg(args, 'reader-persons', '10000'));
  const servers: RunningServer[] = [];
  const pgUrl =
    process.env.DATABASE_URL ?? (servers[servers.push(await startPostgresServer()) - 1] as RunningServer).url;
  const redisUrl = new URL(
    process.env.REDIS_URL ?? (servers[servers.push(await startRedisServer()) - 1] as RunningServer).url,
  );
  const emulator = await startCloudEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: rate });
  const dbUrl = await freshDatabase(pgUrl, 'bench_excs');
  const lab = await openLabDatabase(dbUrl);
  await seedLabConfigDb(lab.client, { agents, cloudUrl: emulator.url });
  const config = commonConfig(
    'excs',
    {
      TENANT_NAME: 'bench',
      EXEC_REDIS_HOST: redisUrl.hostname,
      EXEC_REDIS_PORT: Number(redisUrl.port),
      EXEC_REDIS_KEY_PREFIX: `bench:excs:${Date.now()}:`,
    },
    [],
  );
  const store = createStore(config.redis);
  const sync = await createConfigSync(
    { config, logger: silentLogger(), registry: createMetricsRegistry('excs'), store },
    {
      configDb: openConfigDbUrl(dbUrl),
      pollMs: 1000,
      reconcileMs: 3_600_000,
      ...(rate === 'off' ? { rateLimitPerMinute: 1_000_000 } : {}),
    },
  );
  const t0 = Date.now();
  await sync.start();
  let lastLog = 0;
  while (!sync.engine.status.initialSyncDone) {
    if (sync.engine.status.syncStatus.status === 'Failed')
      throw new Error(`sync failed: ${sync.engine.status.lastError}`);
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      const p = sync.engine.status.progress;
      console.error(
        `initial sync: ${p.done}/${p.total} operations, ${Math.round((Date.now() - t0) / 1000)} s`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const initialMs = Date.now() - t0;
  const audit = (await (await fetch(`${emulator.url}/__emulator/audit`)).json()) as {
    requests: { method: string; path: string; status: number }[];
  };
  const org = (await (await fetch(`${emulator.url}/__emulator/org`)).json()) as {
    users: { id: string; externalId: string; displayName: string }[];
    queues: { members: string[] }[];
    skills: unknown[];
    wrapupCodes: unknown[];
  };
  const calls = audit.requests.filter((r) => r.path.startsWith('/api/')).length;
  const rejected = audit.requests.filter((r) => r.status >= 400).length;
  const members = org.queues.reduce((n, q) => n + q.members.length, 0);
  const objects = org.users.length + org.queues.length + org.skills.length + org.wrapupCodes.length;

  // One change, timed from the Config DB commit to the org.
  const victim = org.users[0] as { id: string; externalId: string };
  const dbid = Number(victim.externalId.split('_')[0]);
  const c0 = Date.now();
  await updatePerson(lab.client, dbid, { firstName: 'BenchRenamed' });
  let changeMs = Number.NaN;
  while (Date.now() - c0 < 120_000) {
    const o = (await (await fetch(`${emulator.url}/__emulator/org`)).json()) as typeof org;
    if (o.users.find((u) => u.id === victim.id)?.displayName.startsWith('BenchRenamed')) {
      changeMs = Date.now() - c0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await sync.stop();
  await store.close();
  await lab.close();
  await emulator.stop();

  // The reader on a large contact center.
  const bigUrl = await freshDatabase(pgUrl, 'bench_excs_reader');
  const big = await openLabDatabase(bigUrl);
  await seedLabConfigDb(big.client, { agents: readerPersons });
  const conn = openConfigDbUrl(bigUrl);
  await readSnapshot(conn.client); // warm-up
  const r0 = performance.now();
  const snap = await readSnapshot(conn.client);
  const readerMs = performance.now() - r0;
  await conn.close();
  await big.close();
  await Promise.all(servers.map((s) => s.stop()));

  const rows: BenchRow[] = [
    {
      metric: `initial sync, ${agents} agents, rate limit ${rate}`,
      value: initialMs / 1000,
      unit: 's',
      target: '< 300',
      ok: initialMs < 300_000,
    },
    {
      metric: 'users / queues / members / skills / codes',
      value: `${org.users.length}/${org.queues.length}/${members}/${org.skills.length}/${org.wrapupCodes.length}`,
    },
    { metric: 'API calls (initial sync)', value: calls, unit: 'calls' },
    {
      metric: 'API calls per user',
      value: calls / Math.max(1, org.users.length),
      unit: 'calls',
      target: '~1',
    },
    {
      metric: 'API calls per object (users+queues+skills+codes)',
      value: calls / Math.max(1, objects),
      unit: 'calls',
    },
    { metric: 'rejected calls', value: rejected, target: '0', ok: rejected === 0 },
    {
      metric: 'one change to reach the org',
      value: changeMs / 1000,
      unit: 's',
      target: '< 30',
      ok: changeMs < 30_000,
    },
    { metric: `reader snapshot, ${snap.persons.length} persons`, value: readerMs, unit: 'ms' },
  ];
  report('excs', rows, { agents, rate });
}
