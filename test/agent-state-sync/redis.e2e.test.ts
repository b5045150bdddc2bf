// EXAS with a real Redis as its store: the last accepted state per user is written there; while Redis is
// down (and after it comes back empty) agents' states still reach Genesys Cloud, and writes resume.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RedisStore, createRedisClient } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';
import { startRedisServer, testKeyPrefix } from '../harness/index.ts';
import type { RunningServer } from '../harness/servers.ts';
import { orgMatchesSimulator, startExasLab, until, type ExasLab } from './lab.ts';

describe('EXAS and a Redis outage', () => {
  let redis: RunningServer | undefined;
  let lab: ExasLab | undefined;
  let store: RedisStore | undefined;
  after(async () => {
    await lab?.stop();
    await store?.close();
    await redis?.stop();
  });

  it('keeps delivering while Redis is down, and writes again once it is back', async () => {
    redis = await startRedisServer();
    const port = redis.port;
    const prefix = testKeyPrefix('exas');
    store = new RedisStore(
      createRedisClient({ host: '127.0.0.1', port, tls: false, sentinelName: 'mymaster', keyPrefix: prefix }),
      prefix,
    );
    lab = await startExasLab({ agents: 6, store });
    const l = lab;
    const ids = [...l.userOf.keys()];
    const set = (state: 'Ready' | 'NotReady', call: 'none' | 'inbound', reason?: string) => {
      for (const id of ids) l.sim.setAgent(id, { state, call, ...(reason ? { reason } : {}) });
    };
    const right = async () => (await orgMatchesSimulator(l)).ok;
    set('Ready', 'none');
    await until('ready everywhere', right);
    const user0 = l.userOf.get(ids[0] as string) as string;
    await until(
      'accepted state in Redis',
      async () => (await store!.hget(keys.agentState(user0), 'routingStatus')) !== null,
    );
    assert.equal(
      JSON.parse((await store.hget(keys.agentState(user0), 'routingStatus')) as string).value,
      'Idle',
    );

    await redis.stop();
    set('NotReady', 'none', 'Training');
    await until('delivered with Redis down', right);
    set('Ready', 'inbound');
    await until('delivered with Redis still down', right);

    redis = await startRedisServer(port); // back, and empty
    set('NotReady', 'none', 'Meal');
    await until('delivered after Redis came back', right);
    await until('writes resumed', async () => {
      const v = await store!.hget(keys.agentState(user0), 'presence').catch(() => null);
      return v !== null && JSON.parse(v).value === 'Meal';
    });
  });
});
