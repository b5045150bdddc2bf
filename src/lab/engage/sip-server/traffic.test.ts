import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCENARIO_NAMES } from './scenarios/index.ts';
import { defaultMix, parseMix, pickScenario } from './traffic.ts';

describe('parseMix', () => {
  const ok: [unknown, Record<string, number>][] = [
    ['ivr-only:3,internal', { 'ivr-only': 3, internal: 1 }],
    [' queue-abandon : 2 ', { 'queue-abandon': 2 }],
    [['conference', 'supervision'], { conference: 1, supervision: 1 }],
    [
      { 'agent-outbound': 0.5, internal: 0 },
      { 'agent-outbound': 0.5, internal: 0 },
    ],
  ];
  for (const [input, want] of ok)
    it(`reads ${JSON.stringify(input)}`, () => assert.deepEqual(parseMix(input), want));
  it('has the named mixes', () => {
    assert.equal(Object.keys(parseMix('all')).length, SCENARIO_NAMES.length);
    assert.equal(Object.keys(parseMix('supported')).length, 17);
    assert.deepEqual(parseMix(undefined), defaultMix());
  });
  const bad: [unknown, RegExp][] = [
    ['teleport:1', /unknown scenario "teleport"/],
    ['ivr-only:-1', /bad weight for "ivr-only"/],
    ['ivr-only:x', /bad weight/],
    [{ 'ivr-only': 0 }, /every weight is zero/],
    [42, /expected/],
  ];
  for (const [input, want] of bad)
    it(`rejects ${JSON.stringify(input)}`, () => assert.throws(() => parseMix(input), want));
});

describe('pickScenario', () => {
  it('follows the weights', () => {
    const mix = { 'ivr-only': 3, internal: 1, conference: 0 } as const;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const n = pickScenario(mix, i / 1000);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    assert.deepEqual(counts, { 'ivr-only': 750, internal: 250 });
  });
});
