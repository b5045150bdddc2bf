// The mapping store on the in-memory StateStore (the Redis one runs in test/config-sync): write-through,
// version bumps, extension diffs, reload, and one believed org object per cloud id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys } from '../../../store/keys.ts';
import { Lease } from '../../../store/lease.ts';
import { MemoryStore } from '../../../store/memory.ts';
import type { StateStore } from '../../../store/types.ts';
import type { UserEntry } from './entries.ts';
import { MappingStore } from './mappingStore.ts';

const user = (cloudId: string, o: Partial<UserEntry> = {}): UserEntry => ({
  cloudId,
  userName: `${cloudId}@x.com`,
  roleClass: 'agent',
  displayName: cloudId,
  externalId: `1_${cloudId}`,
  active: true,
  skills: [{ name: 'Sales', proficiency: 2 }],
  engageUserName: cloudId,
  employeeId: '',
  isAgent: true,
  logins: [],
  ...o,
});

/** A mapping store holding the writer lease (the fenced writes need it). */
async function writable(store: StateStore = new MemoryStore()): Promise<MappingStore> {
  const lease = new Lease(store, keys.writerLease(), keys.writerToken(), 'test', 60_000);
  await lease.acquireOrRenew();
  return new MappingStore(store, lease);
}

test('writes go through, bump the version and survive a reload', async () => {
  const store = new MemoryStore();
  const m = await writable(store);
  await m.load();
  assert.equal(m.version, 0);
  await m.putUser(7, user('c7'));
  await m.putSkill(1, { cloudId: 's1', name: 'Sales' });
  await m.putWrapupCode('Done', { cloudId: 'w1' });
  await m.putSource({ cloudId: 'src', name: 'EX Engage Connector' });
  assert.equal(m.version, 4);
  const again = await writable(store);
  await again.load();
  assert.equal(again.users.get(7)?.cloudId, 'c7');
  assert.equal(again.skills.get(1)?.name, 'Sales');
  assert.equal(again.wrapupCodes.get('Done')?.cloudId, 'w1');
  assert.equal(again.source?.cloudId, 'src');
  assert.equal(await again.currentVersion(), 4);
  await again.deleteUsers([7]);
  assert.equal(again.users.size, 0);
  await again.clear();
  assert.equal(again.skills.size, 0);
  assert.equal(again.source, undefined);
});

test('extensions: only differences are written, and only then is the version bumped', async () => {
  const m = await writable();
  await m.load();
  const e = { dbid: 1, number: '5001', switch: 'SW' };
  await m.putExtensions([e]);
  const v = m.version;
  await m.putExtensions([{ ...e }]);
  assert.equal(m.version, v, 'unchanged: no bump');
  await m.putExtensions([{ ...e, agentDbid: 9 }]);
  assert.equal(m.version, v + 1);
  await m.putExtensions([]);
  assert.equal(m.extensions.size, 0);
});

test('believed org: one user and one queue per cloud id, the lowest DBID wins', async () => {
  const m = await writable();
  await m.load();
  await m.putSkill(1, { cloudId: 's1', name: 'Sales' });
  await m.putUser(9, user('c1', { displayName: 'Second' }));
  await m.putUser(3, user('c1', { displayName: 'First' }));
  const q = {
    cloudId: 'q1',
    name: 'Q',
    number: 'VQ',
    switch: 'SW',
    description: 'd',
    peerId: '5',
    memberIds: ['c1'],
    wrapupCodeIds: [],
  };
  await m.putQueue(6, { ...q, memberIds: [] });
  await m.putQueue(5, q);
  const org = m.believedOrg(['Employee']);
  assert.deepEqual(
    org.users.map((u) => u.displayName),
    ['First'],
  );
  assert.deepEqual(org.users[0]?.skills, [{ name: 'Sales', proficiency: 2, id: 's1' }]);
  assert.deepEqual(
    org.queues.map((x) => x.memberIds),
    [['c1']],
  );
  assert.deepEqual(org.roles, ['Employee']);
});
