// Recording injection's store steps on a real Redis and on the in-memory store: the same behaviour from
// the Lua and its TypeScript twin (segments, the once-only hand-off, the due list's compare-and-finish).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecContext } from '../../src/services/conversation-provider/recording/context.ts';
import type { Segment } from '../../src/services/conversation-provider/recording/metadata.ts';
import { RecStore } from '../../src/services/conversation-provider/recording/rec-store.ts';
import { createRedisClient, MemoryStore, RedisStore, type StateStore } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';
import { testKeyPrefix, testRedisUrl } from '../harness/index.ts';

const seg = (id: string, callUuid = 'CALL1'): Segment => ({
  segmentId: id,
  file: `http://webdav/${id}.opus`,
  mediaType: 'audio/opus',
  callUuid,
  startMs: 1,
  stopMs: 2,
  masks: [],
  source: 'mcp',
});
const ctx: RecContext = {
  chainKey: 'CALL1',
  conversationId: '00000000-0000-4000-8000-000000000001',
  mode: 'live',
  endedMs: 5,
  calls: ['CALL1', 'CONSULT1'],
  comms: [],
};

function suite(name: string, open: () => Promise<StateStore>): void {
  describe(`EXCP recording store: ${name}`, () => {
    const withRec = async (fn: (rec: RecStore, s: StateStore) => Promise<void>) => {
      const s = await open();
      try {
        await fn(new RecStore(s, 'g1'), s);
      } finally {
        await s.close();
      }
    };

    it('stores segments against a live call without making it due; a repeat is recognised', () =>
      withRec(async (rec, s) => {
        assert.equal(await rec.putSegment('CALL1', seg('a'), 60_000, 100), true);
        assert.equal(await rec.putSegment('CALL1', seg('a'), 60_000, 100), false);
        assert.deepEqual(await rec.due(), []);
        const ttl = await s.ttl(keys.excpRec.segments('g1', 'CALL1'));
        assert.ok(ttl > 0 && ttl <= 60_000);
      }));

    it('hands an ended conversation off once; its CallUUIDs stay known after the tracker forgets them', () =>
      withRec(async (rec, s) => {
        assert.equal(await rec.chainOf('CONSULT1'), null);
        await s.hset(keys.excp.aliases('g1'), { 'call:CALL1': 'CALL1' });
        assert.equal(await rec.chainOf('CALL1'), 'CALL1');
        assert.equal(await rec.handOff(ctx, 60_000, 1000), true);
        assert.equal(await rec.handOff({ ...ctx, endedMs: 9 }, 60_000, 5), false);
        assert.equal(await rec.isHandedOff('CALL1'), true);
        assert.equal(await rec.chainOf('CONSULT1'), 'CALL1');
        const [d] = await rec.due();
        assert.deepEqual(d, { chainKey: 'CALL1', dueMs: 1000, raw: '1000|0' });
        assert.equal((await rec.load('CALL1')).ctx?.endedMs, 5, 'the first snapshot stays');
        // The dispatcher may replace it with a newer one (a leg processed after the end), its calls known.
        await rec.refreshContext({ ...ctx, calls: [...ctx.calls, 'LEG1'] }, 60_000);
        assert.deepEqual((await rec.load('CALL1')).ctx?.calls, ['CALL1', 'CONSULT1', 'LEG1']);
        assert.equal(await rec.chainOf('LEG1'), 'CALL1');
        assert.equal(await rec.handOff(ctx, 60_000, 5), false, 'still handed off once');
      }));

    it('a segment reported after the end makes the conversation due again (earliest time, new version)', () =>
      withRec(async (rec) => {
        await rec.handOff(ctx, 60_000, 1000);
        const [read] = await rec.due();
        await rec.putSegment('CALL1', seg('late'), 60_000, 3000);
        const [after] = await rec.due();
        assert.deepEqual(after, { chainKey: 'CALL1', dueMs: 1000, raw: '1000|1' });
        // The dispatcher finishes what it read: the entry changed meanwhile, so it stays due.
        assert.equal(await rec.finish(read!, ['a'], 60_000), false);
        assert.equal((await rec.due()).length, 1);
        const loaded = await rec.load('CALL1');
        assert.deepEqual([...loaded.sent], ['a'], 'what was sent is recorded anyway');
        assert.deepEqual(
          loaded.segments.map((x) => x.segmentId),
          ['late'],
        );
        // Finishing the current entry removes it; moving it keeps its version.
        assert.equal(await rec.finish(after!, ['late'], 60_000, 5000), true);
        assert.deepEqual((await rec.due())[0], { chainKey: 'CALL1', dueMs: 5000, raw: '5000|1' });
        const [moved] = await rec.due();
        assert.equal(await rec.finish(moved!, [], 60_000), true);
        assert.deepEqual(await rec.due(), []);
        assert.deepEqual([...(await rec.load('CALL1')).sent].sort(), ['a', 'late']);
      }));
  });
}

suite('memory', async () => new MemoryStore());
suite(
  'redis',
  async () => new RedisStore(createRedisClient(await testRedisUrl()), testKeyPrefix('excp-rec')),
);
