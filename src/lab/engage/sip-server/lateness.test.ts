import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatenessCounter } from './lateness.ts';
import { EventPlayer } from './player.ts';
import type { SimEvent } from './scenarios/index.ts';

describe('LatenessCounter', () => {
  it('gives percentiles to the millisecond below, and the max', () => {
    const c = new LatenessCounter();
    // 98 events on time, one 40.5 ms late, one 3.2 s late.
    for (let i = 0; i < 98; i++) c.add(i % 2 === 0 ? 0 : 999);
    c.add(40_500);
    c.add(3_200_000);
    assert.deepEqual(c.take(), { events: 100, p50Ms: 0, p99Ms: 40, maxMs: 3200 });
  });

  it('counts early as on time, past its range in the last count, and starts again after take', () => {
    const c = new LatenessCounter();
    c.add(-5000);
    assert.deepEqual(c.take(), { events: 1, p50Ms: 0, p99Ms: 0, maxMs: 0 });
    assert.deepEqual(c.take(), { events: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 });
    c.add(60_000_000);
    assert.deepEqual(c.take(), { events: 1, p50Ms: 10_000, p99Ms: 10_000, maxMs: 60_000 });
  });
});

describe('EventPlayer lateness', () => {
  it('counts how long after its T-Lib time each event went out', async () => {
    const sent: string[] = [];
    const player = new EventPlayer((_site, ev) => sent.push(ev.head));
    const nowUs = Date.now() * 1000;
    const event = (atUs: number, message: string): SimEvent => ({
      atUs,
      site: 'home',
      dn: null,
      body: { message, AttributeTimeinSecs: Math.floor(atUs / 1e6), AttributeTimeinuSecs: atUs % 1e6 },
    });
    // Both were due 300 ms ago: each goes out at least that late.
    player.add([event(nowUs - 300_000, 'EventRinging'), event(nowUs - 300_000, 'EventEstablished')]);
    while (sent.length < 2) await new Promise((r) => setTimeout(r, 1));
    player.stop();
    const late = player.lateness.take();
    assert.equal(late.events, 2);
    assert.ok(late.p50Ms >= 300 && late.maxMs < 10_000, JSON.stringify(late));
  });
});
