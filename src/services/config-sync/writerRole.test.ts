// The writer role on the in-memory store: a lone instance writes at once; a second stands by and follows
// the writer's mappings; a writer whose lease another took stops its engine; a clean stop hands over at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '../../../test/harness/until.ts';
import { silentLogger } from '../../core/logger.ts';
import { keys } from '../../store/keys.ts';
import { Lease } from '../../store/lease.ts';
import { MemoryStore } from '../../store/memory.ts';
import type { StateStore } from '../../store/types.ts';
import { MappingStore } from './store/mappingStore.ts';
import { WriterRole, type Startable } from './writerRole.ts';

// Long enough that a loaded machine does not let a renewal slip; hand-overs here never wait for it.
const TTL_MS = 1500;

/** Counts what the role asks of the engine. */
class EngineRecord implements Startable {
  running = false;
  starts = 0;
  start(): void {
    this.running = true;
    this.starts++;
  }
  async stop(): Promise<void> {
    this.running = false;
  }
}

function replica(store: StateStore, name: string) {
  const lease = new Lease(store, keys.writerLease(), keys.writerToken(), name, TTL_MS);
  const mapping = new MappingStore(store, lease);
  const engine = new EngineRecord();
  const role = new WriterRole(lease, mapping, engine, silentLogger());
  return { lease, mapping, engine, role };
}

test('one writer, one standby that follows it and takes over after a clean stop', async () => {
  const store = new MemoryStore();
  const a = replica(store, 'a');
  const b = replica(store, 'b');
  await a.role.start();
  await b.role.start();
  try {
    assert.equal(a.role.role, 'writer');
    assert.equal(a.engine.running, true);
    assert.equal(b.role.role, 'standby');
    assert.equal(b.engine.running, false);
    assert.deepEqual(b.role.view(), {
      role: 'standby',
      instance: 'b',
      leaseToken: 1,
      leaseHolder: 'a',
      leaseTtlMs: TTL_MS,
    });

    await a.mapping.putSkill(1, { cloudId: 'c1', name: 'Sales' });
    await until('the standby to load the new mapping', () => b.mapping.skills.get(1)?.name === 'Sales', 5000);

    await a.role.stop();
    assert.equal(a.engine.running, false);
    await until('b to take over', () => b.role.role === 'writer', 5000);
    assert.equal(b.engine.running, true);
    assert.equal(b.role.view().leaseToken, 2);
    await b.mapping.putSkill(2, { cloudId: 'c2', name: 'Billing' });
  } finally {
    await a.role.stop();
    await b.role.stop();
  }
});

test('a writer whose lease was taken by another stops its engine and stands by', async () => {
  const store = new MemoryStore();
  const a = replica(store, 'a');
  await a.role.start();
  try {
    assert.equal(a.role.role, 'writer');
    // Another instance takes the lease (as if a's had lapsed during a pause).
    await store.set(keys.writerLease(), '99 intruder', { ttlMs: 60_000 });
    await until('a to stand by', () => a.role.role === 'standby', 5000);
    assert.equal(a.engine.running, false);
    assert.equal(a.role.view().leaseHolder, 'intruder');
    await assert.rejects(a.mapping.putSkill(1, { cloudId: 'c1', name: 'Sales' }), /lease/);
  } finally {
    await a.role.stop();
  }
});
