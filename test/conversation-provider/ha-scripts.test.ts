// The conversation provider's store scripts, on a real Redis and on the in-memory store: the same
// behaviour from both (the Lua and its TypeScript twin).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HaStore } from '../../src/services/conversation-provider/ha/ha-store.ts';
import type { CommitWrite } from '../../src/services/conversation-provider/ha/scripts.ts';
import { createRedisClient, MemoryStore, RedisStore, type StateStore } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';
import { until } from '../harness/until.ts';
import { testKeyPrefix, testRedisUrl } from '../harness/index.ts';

const none = { set: [], del: [] };
const write = (w: Partial<CommitWrite> & { token: number }): CommitWrite => ({
  from: 1,
  to: 0,
  chains: none,
  aliases: none,
  dns: none,
  out: [],
  ...w,
});

function suite(name: string, open: () => Promise<StateStore>): void {
  describe(`EXCP store scripts: ${name}`, () => {
    const withHa = async (fn: (ha: HaStore, s: StateStore) => Promise<void>) => {
      const s = await open();
      try {
        await fn(new HaStore(s, 'g1'), s);
      } finally {
        await s.close();
      }
    };

    it('appends each identity once, in the order offered, whichever instance offers it first', () =>
      withHa(async (ha, s) => {
        const ev = (id: string, bucket = 7) => ({ bucket, identity: id, payload: `p-${id}` });
        assert.deepEqual(await ha.append(60_000, [ev('a'), ev('b')]), { appended: 2, last: 2 });
        // The other instance offers the same two and one more: only the new one is appended.
        assert.deepEqual(await ha.append(60_000, [ev('a'), ev('b'), ev('c', 8)]), { appended: 1, last: 3 });
        assert.deepEqual(await ha.append(60_000, [ev('c', 8), ev('a#2')]), { appended: 1, last: 4 });
        const r = await ha.read(1, 10);
        assert.equal(r.last, 4);
        assert.deepEqual(
          r.entries.map((e) => e.payload),
          ['p-a', 'p-b', 'p-c', 'p-a#2'],
        );
        assert.deepEqual((await ha.read(3, 1)).entries, [{ seq: 3, payload: 'p-c' }]);
        // The seen-sets expire.
        const ttl = await s.ttl(keys.excp.seen('g1', 7));
        assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
      }));

    it('gives the lease to one owner at a time, with a new fencing token at each change of hands', () =>
      withHa(async (ha) => {
        const t1 = await ha.takeLease('A', 2000);
        assert.ok(t1 > 0);
        assert.equal(await ha.takeLease('B', 2000), 0);
        assert.equal(await ha.takeLease('A', 300), t1, 'renewal keeps the token');
        // A stops renewing: once its lease expires, B gets it with a newer token.
        let t2 = 0;
        await until('the lease expires', async () => (t2 = await ha.takeLease('B', 5000)) > 0, {
          timeoutMs: 5000,
          intervalMs: 20,
        });
        assert.ok(t2 > t1, 'after expiry the other owner gets a newer token');
        assert.equal(await ha.takeLease('A', 5000), 0);
        assert.equal(await ha.releaseLease('A'), false);
        assert.equal(await ha.releaseLease('B'), true);
        const t3 = await ha.takeLease('A', 1000);
        assert.ok(t3 > t2);
      }));

    it('commits state, outbox and cursor only under the current token', () =>
      withHa(async (ha) => {
        const token = await ha.takeLease('A', 5000);
        await ha.append(60_000, [
          { bucket: 1, identity: 'x', payload: 'e1' },
          { bucket: 1, identity: 'y', payload: 'e2' },
        ]);
        assert.equal(
          await ha.commit(write({ token: token + 1, from: 1, to: 2, out: ['o1'] })),
          undefined,
          'a stale token writes nothing',
        );
        assert.equal((await ha.loadState()).cursor, 0);
        assert.equal((await ha.loadOutbox()).length, 0);
        const first = await ha.commit(
          write({
            token,
            from: 1,
            to: 2,
            chains: { set: [['C1', '{"n":1}']], del: [] },
            aliases: { set: [['call:U1', 'C1']], del: [] },
            dns: { set: [['S/1001', '{}']], del: [] },
            out: ['o1', 'o2'],
          }),
        );
        assert.equal(first, 1);
        const st = await ha.loadState();
        assert.deepEqual(st, {
          cursor: 2,
          chains: { C1: '{"n":1}' },
          aliases: { 'call:U1': 'C1' },
          dns: { 'S/1001': '{}' },
        });
        assert.equal((await ha.read(1, 10)).entries.length, 0, 'processed inbox entries are removed');
        assert.equal(await ha.chainOfCall('U1'), 'C1');
        assert.deepEqual(await ha.loadOutbox(), [
          { seq: 1, payload: 'o1' },
          { seq: 2, payload: 'o2' },
        ]);
        // Deletions, and the next outbox seqs follow on.
        assert.equal(
          await ha.commit(
            write({
              token,
              chains: { set: [], del: ['C1'] },
              aliases: { set: [], del: ['call:U1'] },
              out: ['o3'],
            }),
          ),
          3,
        );
        assert.deepEqual((await ha.loadState()).chains, {});
        assert.equal(await ha.chainOfCall('U1'), null);
        // Acknowledgements: refused under a stale token, applied under the current one.
        assert.equal(await ha.ack(token - 1, [1]), false);
        assert.equal((await ha.loadOutbox()).length, 3);
        assert.equal(await ha.ack(token, [1, 3]), true);
        assert.deepEqual(await ha.loadOutbox(), [{ seq: 2, payload: 'o2' }]);
      }));
  });
}

suite('memory', async () => new MemoryStore());
suite('redis', async () => new RedisStore(createRedisClient(await testRedisUrl()), testKeyPrefix('excp')));
