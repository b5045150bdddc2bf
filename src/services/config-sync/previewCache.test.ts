// Plans asked for over HTTP: concurrent requests share one computation; a result is served for a while.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PreviewCache } from './previewCache.ts';

test('ten concurrent requests compute once; the result is cached for ttlMs, then computed again', async () => {
  let now = 0;
  const cache = new PreviewCache<number>(15_000, { now: () => now });
  let computed = 0;
  let release: (() => void) | undefined;
  const compute = (): Promise<number> =>
    new Promise((resolve) => {
      computed++;
      release = () => resolve(computed);
    });
  const all = Array.from({ length: 10 }, () => cache.get('full', compute));
  release?.();
  const results = await Promise.all(all);
  assert.equal(computed, 1);
  assert.deepEqual(
    results.map((r) => r.source),
    ['computed', ...Array<string>(9).fill('coalesced')],
  );
  now = 14_999;
  assert.deepEqual(await cache.get('full', compute), { value: 1, source: 'cached' });
  now = 15_000;
  const again = cache.get('full', compute);
  release?.();
  assert.deepEqual(await again, { value: 2, source: 'computed' });
  const other = cache.get('store', compute);
  release?.();
  assert.equal((await other).source, 'computed', 'another key has its own entry');
});

test('a failed computation is not kept: the next request tries again', async () => {
  const cache = new PreviewCache<string>(15_000, { now: () => 0 });
  await assert.rejects(
    cache.get('full', () => Promise.reject(new Error('cloud down'))),
    /cloud down/,
  );
  assert.deepEqual(await cache.get('full', () => Promise.resolve('ok')), { value: 'ok', source: 'computed' });
});
