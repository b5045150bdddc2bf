// What integration tests use: a Redis URL with a private key prefix, a private PostgreSQL database.
// The servers come from REDIS_URL / DATABASE_URL when set (scripts/run-tests.ts sets them for a whole
// run), otherwise they are started for this process and stopped when it exits.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgresServer, startRedisServer, type RunningServer } from './servers.ts';

export { freePort, startRedisServer, startRedisSentinel, startPostgresServer } from './servers.ts';
export { until, quietFor, type UntilOptions } from './until.ts';
export { seededRandom } from './seed.ts';

const started: RunningServer[] = [];
let redisUrlPromise: Promise<string> | undefined;
let pgUrlPromise: Promise<string> | undefined;

process.once('beforeExit', () => void stopStartedServers());

/** Stops the servers this process started (before a `process.exit`, which skips 'beforeExit'). */
export async function stopStartedServers(): Promise<void> {
  await Promise.all(started.splice(0).map((s) => s.stop()));
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** The shared test Redis (started on first use when REDIS_URL is not set). */
export function testRedisUrl(): Promise<string> {
  redisUrlPromise ??= process.env.REDIS_URL
    ? Promise.resolve(process.env.REDIS_URL)
    : startRedisServer().then((s) => {
        started.push(s);
        return s.url;
      });
  return redisUrlPromise;
}

/** A key prefix no other suite uses. */
export function testKeyPrefix(suite: string): string {
  return uniqueName(`test:${suite}`) + ':';
}

function serverUrl(): Promise<string> {
  pgUrlPromise ??= process.env.DATABASE_URL
    ? Promise.resolve(process.env.DATABASE_URL)
    : startPostgresServer().then((s) => {
        started.push(s);
        return s.url;
      });
  return pgUrlPromise;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database of its own for one suite, dropped by `drop()`. */
export async function createTestDatabase(suite: string): Promise<TestDatabase> {
  const base = await serverUrl();
  const name = uniqueName(`t_${suite.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
