// The Redis store built from deployment settings: a password-protected server, and a master found
// through Sentinel (seed 000: enterprise Redis, no Cluster mode; DESIGN §8: Sentinel for failover).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { runHealthChecks } from '../../src/core/http/health.ts';
import { createStore, storeHealthCheck } from '../../src/store/index.ts';
import { startRedisSentinel, startRedisServer, until } from '../harness/index.ts';

describe('Redis store from deployment settings', () => {
  it('authenticates to a password-protected Redis (EXEC_REDIS_SECURE, EXEC_REDIS_PASSWORD)', async (t) => {
    const redis = await startRedisServer(undefined, ['--requirepass', 'r3dis-pass']);
    t.after(() => redis.stop());
    const vars = {
      EXEC_REDIS_HOST: '127.0.0.1',
      EXEC_REDIS_PORT: redis.port,
      EXEC_REDIS_SECURE: true,
      EXEC_TENANT_ID: '42',
    };
    const good = createStore(
      commonConfig('exas', { ...vars, EXEC_REDIS_PASSWORD: 'r3dis-pass' }, ['r3dis-pass']).redis,
    );
    t.after(() => good.close());
    await good.set('k', 'v');
    assert.equal(await good.get('k'), 'v');
    const keys: string[] = [];
    for await (const k of good.scan('')) keys.push(k);
    assert.deepEqual(keys, ['k'], 'keys come back without the tenant prefix');

    // A wrong password: /health says the store is down, and says why (not merely that it is slow).
    const wrong = createStore(commonConfig('exas', { ...vars, EXEC_REDIS_PASSWORD: 'nope' }, []).redis);
    t.after(() => wrong.close());
    const report = await until(
      'the health check to name the refused password',
      async () => {
        const r = await runHealthChecks([storeHealthCheck(wrong)], 500);
        return /WRONGPASS|invalid (username-)?password/i.test(r.dependencies.redis?.detail ?? '')
          ? r
          : undefined;
      },
      15_000,
    );
    assert.equal(report.healthy, false);
    assert.equal(report.dependencies.redis?.status, 'DOWN');
    assert.doesNotMatch(JSON.stringify(report), /nope/, 'the password itself is not shown');
  });

  it('finds the master through Sentinel (EXEC_REDIS_SENTINELS)', async (t) => {
    const master = await startRedisServer();
    t.after(() => master.stop());
    const sentinel = await startRedisSentinel(master.port, 'execmaster');
    t.after(() => sentinel.stop());
    const config = commonConfig(
      'excs',
      {
        EXEC_REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
        EXEC_REDIS_SENTINEL_NAME: 'execmaster',
        EXEC_TENANT_ID: '7',
      },
      [],
    );
    const store = createStore(config.redis);
    t.after(() => store.close());
    await store.set('through-sentinel', 'yes');
    assert.equal(await store.get('through-sentinel'), 'yes');
    // It really is the master's data, under the tenant's prefix.
    const direct = createStore({
      ...config.redis,
      sentinels: [],
      host: '127.0.0.1',
      port: master.port,
      keyPrefix: '',
    });
    t.after(() => direct.close());
    assert.equal(await direct.get('exec:7:through-sentinel'), 'yes');
  });
});
