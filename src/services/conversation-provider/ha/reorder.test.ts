// The re-ordering window's release rule (reorder.ts), case by case: what goes, in which order, and when
// the processor is woken for what is held back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TEvent } from '../../../engage/tlib/index.ts';
import { releasable, type Parsed } from './reorder.ts';

const W = 20;

/** Entry `seq`, named `name`, stamped `timeMs` by the SIP Server (none when undefined), received at `at`. */
function entry(seq: number, name: string, timeMs: number | undefined, at: number): Parsed {
  const attributes =
    timeMs === undefined
      ? {}
      : { AttributeTimeinSecs: Math.floor(timeMs / 1000), AttributeTimeinuSecs: (timeMs % 1000) * 1000 };
  const event = { name, attributes } as unknown as TEvent;
  return { seq, input: { link: 'call', site: 'home', at, event } };
}

const bad = (seq: number): Parsed => ({ seq, input: undefined });

const names = (ps: Parsed[]) => ps.map((p) => p.input?.event.name ?? `bad${p.seq}`);

interface Case {
  why: string;
  entries: Parsed[];
  now: number;
  ready: string[];
  last: number;
  wakeAt?: number;
}

const T = 1_000_000; // event times, ms (any base: only their order counts)

const cases: Case[] = [
  {
    why: 'nothing is due inside the window; woken when the first is',
    entries: [entry(1, 'a', T + 1, 5), entry(2, 'b', T + 2, 6)],
    now: 10,
    ready: [],
    last: 0,
    wakeAt: 25,
  },
  {
    why: 'everything due goes, sorted by event time, inbox order among equal times',
    entries: [entry(1, 'b', T + 2, 0), entry(2, 'a', T + 1, 1), entry(3, 'c', T + 2, 2)],
    now: 30,
    ready: ['a', 'b', 'c'],
    last: 3,
  },
  {
    why: 'the due prefix goes; the rest waits for its own window',
    entries: [entry(1, 'a', T + 1, 0), entry(2, 'b', T + 2, 15)],
    now: 20,
    ready: ['a'],
    last: 1,
    wakeAt: 35,
  },
  {
    // e0 overtaken by a millisecond on its link, received just after the release boundary: e1 may not
    // go ahead of it, nor may anything before e1 that is later than e0.
    why: 'a due entry waits for an earlier event read behind one not yet due',
    entries: [
      entry(1, 'early', T, 0),
      entry(2, 'e1', T + 10, 0),
      entry(3, 'x', T + 12, 18),
      entry(4, 'e0', T + 9, 19),
    ],
    now: 20,
    ready: ['early'],
    last: 1,
    wakeAt: 38,
  },
  {
    why: '… and goes with it, in event-time order, once that is due',
    entries: [entry(2, 'e1', T + 10, 0), entry(3, 'x', T + 12, 18), entry(4, 'e0', T + 9, 19)],
    now: 39,
    ready: ['e0', 'e1', 'x'],
    last: 4,
  },
  {
    // A pair whose clock is behind stamps every event earlier: without a bound, its next event, always
    // inside the window, would hold the other pair's due events back for ever.
    why: 'an entry received two windows ago goes whatever is behind it',
    entries: [entry(1, 'a', T + 100, 0), entry(2, 'lagging-clock', T + 50, 35)],
    now: 40,
    ready: ['a'],
    last: 1,
    wakeAt: 55,
  },
  {
    why: 'an unreadable entry holds nothing back (it is only skipped)',
    entries: [entry(1, 'a', T + 10, 0), entry(2, 'x', T + 12, 15), bad(3)],
    now: 20,
    ready: ['a'],
    last: 1,
    wakeAt: 35,
  },
  {
    why: 'an event without a time is placed by when it was received',
    entries: [entry(1, 'timed', 30, 0), entry(2, 'untimed', undefined, 0)],
    now: 25,
    ready: ['untimed', 'timed'],
    last: 2,
  },
];

describe('EXCP re-ordering window: releasable', () => {
  for (const c of cases) {
    it(c.why, () => {
      const r = releasable(c.entries, c.now, W);
      assert.deepEqual(names(r.ready), c.ready);
      assert.equal(r.last, c.last);
      assert.equal(r.wakeAt, c.wakeAt);
    });
  }
});
