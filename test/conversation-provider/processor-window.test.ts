// The processor's re-ordering window (ha/processor.ts, ha/reorder.ts) on a real Redis and on the
// in-memory store: entries wait the window, go to the tracker in event-time order, and each is read
// from the store once however often appends wake the processor; a takeover reads again from the cursor.
// And finished chains expire with their aliases, from memory and from the store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TEvent } from '../../src/engage/tlib/index.ts';
import type { Directory, TrackerState } from '../../src/services/conversation-provider/core/api.ts';
import { HaStore } from '../../src/services/conversation-provider/ha/ha-store.ts';
import type { InboxPayload } from '../../src/services/conversation-provider/ha/inbox-writer.ts';
import { Processor, type TrackerCore } from '../../src/services/conversation-provider/ha/processor.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createRedisClient, MemoryStore, RedisStore, type StateStore } from '../../src/store/index.ts';
import { until } from '../harness/until.ts';
import * as realCore from '../../src/services/conversation-provider/core/api.ts';
import { makeWorld, scenarioInputs } from './scenario-world.ts';
import { testKeyPrefix, testRedisUrl } from '../harness/index.ts';

const WINDOW_MS = 100;

/** The recording core asks nothing of it. */
const emptyDirectory: Directory = {
  sourceId: undefined,
  userByAgentLogin: () => undefined,
  userByEmployeeId: () => undefined,
  extension: () => undefined,
  queueByDn: () => undefined,
  wrapupCodeByName: () => undefined,
};

/** A store whose reads are counted by entry: what the processor fetched (and parsed). */
class CountingHa extends HaStore {
  entriesRead = 0;
  reads = 0;
  override async read(from: number, max: number) {
    const r = await super.read(from, max);
    this.reads++;
    this.entriesRead += r.entries.length;
    return r;
  }
}

/** Records the events it is given, by name, and emits nothing. */
function recordingCore(seen: string[]): TrackerCore {
  return {
    emptyState: (): TrackerState => ({ chains: {}, aliases: {}, dns: {} }),
    step(_state, input) {
      seen.push(input.event.name);
      return { events: [], touched: { chains: [], aliases: [], dns: [] }, notes: [] };
    },
    expired: () => [],
    forget: () => ({ chains: [], aliases: [], dns: [] }),
  };
}

/** An inbox payload of a T-Lib event named `name` at event time `timeMs`, received at `at`. */
function payload(name: string, timeMs: number, at: number): string {
  const event = {
    name,
    attributes: {
      AttributeCallUUID: 'CALL1',
      AttributeTimeinSecs: Math.floor(timeMs / 1000),
      AttributeTimeinuSecs: (timeMs % 1000) * 1000,
    },
  } as unknown as TEvent;
  const p: InboxPayload = { link: 'call', site: 'home', at, event };
  return JSON.stringify(p);
}

function suite(name: string, open: () => Promise<StateStore>): void {
  describe(`EXCP processor window: ${name}`, () => {
    it('reads each entry once, holds it for the window, then hands all over in event-time order', async () => {
      const store = await open();
      const ha = new CountingHa(store, 'w1');
      const seen: string[] = [];
      const token = await ha.takeLease('me', 60_000);
      assert.ok(token > 0);
      let committed = 0;
      const p = new Processor({
        ha,
        core: recordingCore(seen),
        directory: () => emptyDirectory,
        token: () => token,
        batch: 500,
        reorderMs: WINDOW_MS,
        graceMs: 60_000,
        expireEveryMs: 60_000,
        logger: silentLogger(),
        hooks: {
          processed: () => committed++,
          notes: () => {},
          stepFailed: (err) => assert.fail(err.message),
          expired: () => {},
          size: () => {},
        },
        emit: () => {},
        onFenced: () => assert.fail('fenced'),
      });
      try {
        await p.takeOver(token);
        const t0 = Date.now();
        // Three events received together, the second the earliest (it came in on a slower link);
        // then the processor is woken again and again (as every append of the other instance does)
        // while they wait in the window.
        const events: [string, number][] = [
          ['EventRinging', t0 + 2],
          ['EventQueued', t0 + 1],
          ['EventEstablished', t0 + 3],
        ];
        await ha.append(
          60_000,
          events.map(([n, time], i) => ({ bucket: 1, identity: `id${i}`, payload: payload(n, time, t0) })),
        );
        for (let i = 0; i < 5; i++) {
          p.wake();
          await new Promise((r) => setTimeout(r, WINDOW_MS / 10));
        }
        // Inside the window nothing is handed over (checked only while surely inside it: a loaded
        // machine may have slept past it).
        if (Date.now() - t0 < WINDOW_MS * 0.9) assert.deepEqual(seen, []);
        await until('all processed and committed', () => p.position === 3, 5000);
        assert.ok(Date.now() - t0 >= WINDOW_MS, 'held for the window');
        assert.deepEqual(seen, ['EventQueued', 'EventRinging', 'EventEstablished']);
        assert.equal(
          ha.entriesRead,
          3,
          `each entry read (and parsed) once: ${ha.entriesRead} in ${ha.reads} reads`,
        );
        // A takeover (a reload) forgets what was read past the cursor and starts again from it.
        await ha.append(60_000, [
          { bucket: 1, identity: 'id9', payload: payload('EventReleased', t0 + 9, 0) },
        ]);
        await p.takeOver(token);
        await until('the fourth processed and committed', () => p.position === 4, 5000);
        assert.equal(seen[3], 'EventReleased');
        assert.equal(committed, 4);
      } finally {
        p.release();
        await p.settled();
        await store.close();
      }
    });
  });
}

/** The real tracker: finished chains leave memory and the store with every alias they had. */
function expirySuite(name: string, open: () => Promise<StateStore>): void {
  describe(`EXCP processor expiry: ${name}`, () => {
    it('drops a finished chain with its aliases once the events have moved past its grace period', async () => {
      const store = await open();
      const ha = new HaStore(store, 'x1');
      const token = await ha.takeLease('me', 60_000);
      const w = makeWorld();
      const start = 1_780_000_000_000_000;
      const first = scenarioInputs(w, 'consult-transfer-agent', 0, start);
      const second = scenarioInputs(w, 'consult-transfer-agent', 1, start + 600_000_000);
      let expiredCount = 0;
      const p = new Processor({
        ha,
        core: realCore,
        directory: () => w.dir,
        token: () => token,
        batch: 500,
        reorderMs: 0,
        graceMs: 1000,
        expireEveryMs: 0,
        logger: silentLogger(),
        hooks: {
          processed: () => {},
          notes: () => {},
          stepFailed: (err) => assert.fail(err.message),
          expired: (n) => (expiredCount += n),
          size: () => {},
        },
        emit: () => {},
        onFenced: () => assert.fail('fenced'),
      });
      const append = async (inputs: typeof first, from: number) => {
        await ha.append(
          60_000,
          inputs.map((input, i) => ({
            bucket: 1,
            identity: `e${from + i}`,
            payload: JSON.stringify({ ...input, at: 0 } satisfies InboxPayload),
          })),
        );
        p.wake();
      };
      try {
        await p.takeOver(token);
        await append(first, 0);
        await until('the first call processed', () => p.position === first.length, 5000);
        const before = await ha.loadState();
        const [key] = Object.keys(before.chains);
        assert.ok(key, 'the call has a chain');
        const aliases = Object.keys(before.aliases).filter((a) => before.aliases[a] === key);
        assert.ok(aliases.length >= 2, 'the main and the consult call');
        // Ten minutes of event time later, the first chain is past its grace period.
        await append(second, first.length);
        await until('the first chain dropped', async () => !(await ha.loadState()).chains[key!], 5000);
        const after = await ha.loadState();
        assert.deepEqual(Object.keys(after.chains).length, 1, 'the second call is still there');
        for (const a of aliases) assert.equal(after.aliases[a], undefined, `alias ${a} dropped`);
        assert.ok(Object.values(after.aliases).every((chain) => chain !== key));
        assert.equal(expiredCount, 1);
        assert.equal(p.chains, 1);
      } finally {
        p.release();
        await p.settled();
        await store.close();
      }
    });
  });
}

expirySuite('in-memory store', async () => new MemoryStore());
expirySuite(
  'real Redis',
  async () => new RedisStore(createRedisClient(await testRedisUrl()), testKeyPrefix('excp-exp')),
);

suite('in-memory store', async () => new MemoryStore());
suite(
  'real Redis',
  async () => new RedisStore(createRedisClient(await testRedisUrl()), testKeyPrefix('excp-win')),
);
