// The StateStore contract: one suite, run against every implementation (store.test.ts runs it on
// memory, test/foundation/redis-store.test.ts on a real Redis).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { until } from '../../test/harness/until.ts';
import type { StateStore, StoreScript } from './types.ts';

/** Sets `key` to args[0] only when it holds args[1] (or is absent and args[1] is ''); returns 1 or 0. */
const compareAndSet: StoreScript<number> = {
  name: 'test-compare-and-set',
  lua: `
    local cur = redis.call('GET', KEYS[1])
    if (cur == false and ARGV[2] == '') or cur == ARGV[2] then
      redis.call('SET', KEYS[1], ARGV[1])
      redis.call('HSET', KEYS[2], 'last', ARGV[1])
      return 1
    end
    return 0`,
  memory(ops, keys, args) {
    const cur = ops.get(keys[0] as string);
    if ((cur === null && args[1] === '') || cur === args[1]) {
      ops.set(keys[0] as string, args[0] as string);
      ops.hset(keys[1] as string, 'last', args[0] as string);
      return 1;
    }
    return 0;
  },
};

export function storeContract(name: string, open: () => Promise<StateStore>): void {
  describe(`StateStore contract: ${name}`, () => {
    const withStore = async (fn: (s: StateStore) => Promise<void>): Promise<void> => {
      const s = await open();
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };

    it('gets what was set, null for what was not', () =>
      withStore(async (s) => {
        assert.equal(await s.get('a'), null);
        await s.set('a', '1');
        assert.equal(await s.get('a'), '1');
        assert.deepEqual(await s.mget(['a', 'b']), ['1', null]);
      }));

    it('expires keys set with a TTL', () =>
      withStore(async (s) => {
        await s.set('t', 'x', { ttlMs: 60 });
        const ttl = await s.ttl('t');
        assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
        await until('the key to expire', async () => (await s.get('t')) === null, 5000);
        assert.equal(await s.ttl('t'), -2);
        await s.set('p', 'y');
        assert.equal(await s.ttl('p'), -1);
        assert.equal(await s.expire('p', 50), true);
        assert.equal(await s.expire('absent', 50), false);
      }));

    it('sets if absent only once', () =>
      withStore(async (s) => {
        assert.equal(await s.setIfAbsent('once', 'a', 1000), true);
        assert.equal(await s.setIfAbsent('once', 'b', 1000), false);
        assert.equal(await s.get('once'), 'a');
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => s.setIfAbsent('race', String(i))),
        );
        assert.equal(results.filter(Boolean).length, 1);
      }));

    it('deletes and counts what it deleted', () =>
      withStore(async (s) => {
        await s.set('d1', '1');
        await s.set('d2', '2');
        assert.equal(await s.delete('d1', 'd2', 'd3'), 2);
        assert.equal(await s.get('d1'), null);
      }));

    it('increments atomically', () =>
      withStore(async (s) => {
        await Promise.all(Array.from({ length: 50 }, () => s.incr('n')));
        assert.equal(await s.incr('n', 10), 60);
      }));

    it('keeps hashes', () =>
      withStore(async (s) => {
        await s.hset('h', { a: '1', b: '2' });
        await s.hset('h', { b: '3' });
        assert.equal(await s.hget('h', 'b'), '3');
        assert.deepEqual(await s.hgetall('h'), { a: '1', b: '3' });
        assert.equal(await s.hdel('h', 'a', 'zz'), 1);
        assert.deepEqual(await s.hgetall('h'), { b: '3' });
        assert.deepEqual(await s.hgetall('none'), {});
      }));

    it('scans keys by prefix', () =>
      withStore(async (s) => {
        for (let i = 0; i < 30; i++) await s.set(`scan:a:${i}`, 'x');
        await s.set('scan:b:1', 'x');
        await s.set('scan:a*weird', 'x');
        const found: string[] = [];
        for await (const k of s.scan('scan:a:')) found.push(k);
        assert.equal(found.length, 30);
        assert.ok(found.every((k) => k.startsWith('scan:a:')));
      }));

    it('runs scripts atomically with the same results', () =>
      withStore(async (s) => {
        assert.equal(await s.run(compareAndSet, ['cas', 'cas:h'], ['v1', '']), 1);
        assert.equal(await s.run(compareAndSet, ['cas', 'cas:h'], ['v2', 'wrong']), 0);
        assert.equal(await s.run(compareAndSet, ['cas', 'cas:h'], ['v2', 'v1']), 1);
        assert.equal(await s.get('cas'), 'v2');
        assert.equal(await s.hget('cas:h', 'last'), 'v2');
        // concurrent writers racing from the same value: exactly one wins
        await s.set('cas2', 'start');
        const wins = await Promise.all(
          Array.from({ length: 10 }, (_, i) => s.run(compareAndSet, ['cas2', 'cas2:h'], [`w${i}`, 'start'])),
        );
        assert.equal(wins.filter((w) => w === 1).length, 1);
      }));

    it('answers ping while open', () =>
      withStore(async (s) => {
        await s.ping();
      }));
  });
}
