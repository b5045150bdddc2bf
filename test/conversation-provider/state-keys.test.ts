// A shell that stores the tracker state key by key (Redis) loads only what inputKeys/chainDnKeys name and
// writes back only what a step reports as touched: it must get exactly the output of a tracker holding
// the whole state. Finished chains expire and are forgotten with their aliases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIO_NAMES } from '../../src/lab/engage/sip-server/scenarios/index.ts';
import {
  chainDnKeys,
  emptyState,
  expired,
  forget,
  inputKeys,
  step,
  type OutEvent,
  type TrackerState,
} from '../../src/services/conversation-provider/core/api.ts';
import { makeWorld, play, scenarioInputs } from './scenario-world.ts';

type Part = 'chains' | 'aliases' | 'dns';

/** Copies the named keys of `part` from the store into the working state. */
function load(store: TrackerState, into: TrackerState, part: Part, keys: string[]): void {
  for (const k of keys) {
    const v = store[part][k];
    if (v !== undefined) (into[part] as Record<string, unknown>)[k] = structuredClone(v);
  }
}

test('a key-by-key store gives the same output as the whole state, scenario after scenario', () => {
  const w = makeWorld();
  const inputs = SCENARIO_NAMES.flatMap((name, i) =>
    scenarioInputs(w, name, i + 1, 1_780_000_000_000_000 + i * 900_000_000),
  );
  const reference = play(w, inputs);
  const store = emptyState();
  const out: OutEvent[] = [];
  for (const input of inputs) {
    const work = emptyState();
    const keys = inputKeys(input);
    load(store, work, 'aliases', keys.aliases);
    load(store, work, 'dns', keys.dns);
    const chains = [...new Set(keys.aliases.map((a) => store.aliases[a]).filter((k) => k !== undefined))];
    load(store, work, 'chains', chains);
    for (const k of chains) {
      const c = store.chains[k];
      if (c) {
        load(store, work, 'dns', chainDnKeys(c));
        load(store, work, 'aliases', c.aliases);
      }
    }
    const r = step(work, input, w.dir);
    out.push(...r.events);
    for (const part of ['chains', 'aliases', 'dns'] as const)
      for (const k of r.touched[part]) {
        const v = work[part][k];
        if (v === undefined) delete store[part][k];
        else (store[part] as Record<string, unknown>)[k] = structuredClone(v);
      }
  }
  assert.deepEqual(out, reference.events);
  assert.deepEqual(store, reference.state);
});

test('finished chains expire after the grace period and are forgotten with their aliases', () => {
  const w = makeWorld();
  const { state } = play(w, scenarioInputs(w, 'consult-transfer-agent'));
  const [key] = Object.keys(state.chains);
  const ended = state.chains[key!]!.endedMs!;
  assert.deepEqual(expired(state, ended + 999, 1000), []);
  assert.deepEqual(expired(state, ended + 1000, 1000), [key]);
  const touched = forget(state, key!);
  assert.deepEqual(touched.chains, [key]);
  assert.ok(touched.aliases.length >= 2, 'the main and the consult call');
  assert.deepEqual(state.chains, {});
  assert.deepEqual(state.aliases, {});
  for (const d of Object.values(state.dns)) assert.deepEqual(d.calls, []);
});
