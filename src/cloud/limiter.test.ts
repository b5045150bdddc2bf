import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter, type Clock } from './limiter.ts';

/** A clock whose time moves only when the test says so. */
function manualClock(): Clock & { advance(ms: number): Promise<void> } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout(h) {
      timers = timers.filter((t) => t.id !== h);
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        now = t.at;
        t.fn();
        await Promise.resolve();
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

test('never grants more than the limit within any window', async () => {
  const clock = manualClock();
  const limiter = new RateLimiter({ limit: 10, windowMs: 1000, burst: 10, clock });
  const grantedAt: number[] = [];
  for (let i = 0; i < 35; i++) void limiter.acquire().then((waited) => grantedAt.push(waited));
  for (let t = 0; t < 5000; t += 50) await clock.advance(50);
  assert.equal(grantedAt.length, 35);
  for (const start of grantedAt) {
    const inWindow = grantedAt.filter((g) => g >= start && g < start + 1000).length;
    assert.ok(inWindow <= 10, `${inWindow} grants in the window starting at ${start}`);
  }
});

test('steady rate: grants are spaced by window/limit once the burst is spent', async () => {
  const clock = manualClock();
  const limiter = new RateLimiter({ limit: 10, windowMs: 1000, burst: 2, clock });
  const grantedAt: number[] = [];
  for (let i = 0; i < 6; i++) void limiter.acquire().then((waited) => grantedAt.push(waited));
  await clock.advance(2000);
  assert.deepEqual(grantedAt, [0, 0, 100, 200, 300, 400]);
});

test('round-robin between callers: a long queue does not starve another caller', async () => {
  const clock = manualClock();
  const limiter = new RateLimiter({ limit: 10, windowMs: 1000, burst: 1, clock });
  const order: string[] = [];
  for (let i = 0; i < 5; i++) void limiter.acquire('bulk').then(() => order.push('bulk'));
  void limiter.acquire('events').then(() => order.push('events'));
  await clock.advance(1000);
  // The first bulk request went out at once; events waits for one more bulk grant only, not four.
  assert.deepEqual(order.slice(0, 3), ['bulk', 'bulk', 'events']);
  assert.equal(order.length, 6);
});

test('pause (Retry-After) holds every caller until it has passed', async () => {
  const clock = manualClock();
  const limiter = new RateLimiter({ limit: 100, windowMs: 1000, burst: 100, clock });
  await limiter.acquire('a');
  limiter.pause(3000);
  const grantedAt: number[] = [];
  void limiter.acquire('a').then((w) => grantedAt.push(w));
  void limiter.acquire('b').then((w) => grantedAt.push(w));
  await clock.advance(2999);
  assert.deepEqual(grantedAt, []);
  await clock.advance(10);
  assert.deepEqual(grantedAt, [3000, 3000]);
  assert.equal(limiter.pending, 0);
});

test('an aborted waiter leaves the queue and rejects', async () => {
  const clock = manualClock();
  const limiter = new RateLimiter({ limit: 1, windowMs: 1000, burst: 1, clock });
  await limiter.acquire();
  const ac = new AbortController();
  const p = limiter.acquire('x', ac.signal);
  assert.equal(limiter.pending, 1);
  ac.abort(new Error('stop'));
  await assert.rejects(p, /stop/);
  assert.equal(limiter.pending, 0);
});

test('resolves with the time waited', async () => {
  const clock = manualClock();
  const limiter = new RateLimiter({ limit: 1, windowMs: 500, burst: 1, clock });
  assert.equal(await limiter.acquire(), 0);
  const p = limiter.acquire();
  await clock.advance(600);
  assert.equal(await p, 500);
});
