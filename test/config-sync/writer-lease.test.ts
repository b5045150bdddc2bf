// One writer: the writer lease and the mapping store's fenced scripts, on the in-memory store and on a real
// Redis (the Lua and its TypeScript twin must agree). A holder that paused past its lease writes nothing
// once another instance has taken over; a store without the lease is read-only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FencedOutError } from '../../src/services/config-sync/store/fencedWrites.ts';
import { MappingStore } from '../../src/services/config-sync/store/mappingStore.ts';
import { createRedisClient, MemoryStore, RedisStore, type StateStore } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';
import { Lease } from '../../src/store/lease.ts';
import { testKeyPrefix, testRedisUrl, until } from '../harness/index.ts';

const TTL_MS = 300;
const skill = (name: string) => ({ cloudId: `cloud-${name}`, name });
const leaseOf = (store: StateStore, holder: string) =>
  new Lease(store, keys.writerLease(), keys.writerToken(), holder, TTL_MS);

const stores: [string, () => Promise<StateStore>][] = [
  ['memory', async () => new MemoryStore()],
  [
    'redis',
    async () => new RedisStore(createRedisClient(await testRedisUrl()), testKeyPrefix('writer_lease')),
  ],
];

for (const [kind, open] of stores) {
  describe(`writer lease with fencing token (${kind})`, () => {
    test('a holder that lost its lease to another writes nothing; the new holder does', async () => {
      const store = await open();
      try {
        const leaseA = leaseOf(store, 'replica-a');
        const leaseB = leaseOf(store, 'replica-b');
        const first = await leaseA.acquireOrRenew();
        assert.deepEqual(first, { token: 1, holder: 'replica-a' });
        const a = new MappingStore(store, leaseA);
        await a.putSkill(1, skill('Sales'));

        // B sees A's lease and does not get it while A holds it.
        assert.deepEqual(await leaseB.acquireOrRenew(), first);
        assert.equal(leaseB.token, null);

        // A pauses past its TTL (no renewal); B takes over with a larger token.
        const second = await until('the lease to lapse and pass to B', async () => {
          const now = await leaseB.acquireOrRenew();
          return now?.holder === 'replica-b' ? now : undefined;
        });
        assert.equal(second.token, 2);

        // A, still believing it holds the lease, is fenced out of every kind of write.
        const versionBefore = await a.currentVersion();
        await assert.rejects(a.putSkill(2, skill('Billing')), FencedOutError);
        await assert.rejects(a.deleteUsers([7]), FencedOutError);
        await assert.rejects(a.putExtensions([{ dbid: 1, number: '5001', switch: 'SW' }]), FencedOutError);
        await assert.rejects(a.clear(), FencedOutError);
        assert.equal(await a.currentVersion(), versionBefore, 'nothing was written');
        assert.equal(a.skills.has(2), false, 'the in-memory copy does not claim a refused write');

        const b = new MappingStore(store, leaseB);
        await b.load();
        assert.deepEqual([...b.skills.keys()], [1]);
        await b.putSkill(2, skill('Billing'));
        assert.equal(await b.currentVersion(), versionBefore + 1);

        // A renewing now learns it lost; its release leaves B's lease alone.
        assert.deepEqual(await leaseA.acquireOrRenew(), second);
        await leaseA.release();
        assert.deepEqual(await leaseB.acquireOrRenew(), second);
        await b.putSkill(3, skill('Support'));
      } finally {
        await store.close();
      }
    });

    test('a mapping store without the lease is read-only', async () => {
      const store = await open();
      try {
        const holder = leaseOf(store, 'holder');
        await holder.acquireOrRenew();
        const writer = new MappingStore(store, holder);
        await writer.putSkill(1, skill('Sales'));
        const reader = new MappingStore(store);
        await reader.load();
        assert.equal(reader.skills.get(1)?.name, 'Sales');
        await assert.rejects(reader.putSkill(2, skill('Billing')), FencedOutError);
        const standby = new MappingStore(store, leaseOf(store, 'standby'));
        await assert.rejects(standby.putSkill(2, skill('Billing')), FencedOutError);
        assert.equal(await reader.currentVersion(), 1);
      } finally {
        await store.close();
      }
    });
  });
}
