// What the demo runs on, from REDIS_URL / DATABASE_URL, and how it prints URLs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore, RedisStore } from '../store/index.ts';
import { demoBacking, redisSettingsFromUrl, shownUrl } from './backing.ts';

test('embedded without the variables; Redis and PostgreSQL with them', async () => {
  const embedded = demoBacking({}, 'r1');
  assert.ok(embedded.store() instanceof MemoryStore);
  assert.equal(embedded.databaseUrl, undefined);
  assert.equal(embedded.describe, 'in-memory stores, the lab Config DB on PGlite');
  const real = demoBacking(
    { REDIS_URL: 'redis://:s3cret-pass@127.0.0.1:1/0', DATABASE_URL: 'postgres://u:p@h:5432/db' },
    'r2',
  );
  const store = real.store();
  assert.ok(store instanceof RedisStore);
  await store.close();
  assert.equal(real.databaseUrl, 'postgres://u:p@h:5432/db');
  assert.equal(real.describe, 'Redis 127.0.0.1:1 (keys exec:demo-r2:*), the lab Config DB on DATABASE_URL');
  assert.doesNotMatch(real.describe, /s3cret/);
  assert.throws(() => demoBacking({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL: a postgres:\/\//);
  assert.throws(() => demoBacking({ REDIS_URL: 'http://x' }), /REDIS_URL: a redis:\/\//);
});

test('Redis settings from a URL', () => {
  assert.deepEqual(redisSettingsFromUrl('rediss://:p%40ss@cache.example:6380', 'k:'), {
    host: 'cache.example',
    port: 6380,
    password: 'p@ss',
    tls: true,
    sentinelName: 'mymaster',
    keyPrefix: 'k:',
  });
  assert.equal(redisSettingsFromUrl('redis://localhost', 'k:').port, 6379);
});

test('printed URLs hide a password', () => {
  assert.equal(
    shownUrl('postgresql://postgres:postgres@127.0.0.1:5433/postgres'),
    'postgresql://postgres:***@127.0.0.1:5433/postgres',
  );
  assert.equal(shownUrl('postgres://u@h/db'), 'postgres://u@h/db');
  assert.equal(shownUrl('http://127.0.0.1:3600/'), 'http://127.0.0.1:3600/');
});
