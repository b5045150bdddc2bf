import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collect, cursorPages, nextPagePages, pageNumberPages, queryParam, scimPages } from './paging.ts';

const items = Array.from({ length: 23 }, (_, i) => `item${i}`);

test('pageNumberPages follows pageCount, total, or a short last page', async () => {
  const shapes: [string, (n: number, size: number) => Record<string, unknown>][] = [
    ['pageCount', (n, size) => ({ pageCount: Math.ceil(items.length / size) })],
    ['total', () => ({ total: items.length })],
    ['short page', () => ({})],
  ];
  for (const [label, extra] of shapes) {
    const calls: number[] = [];
    const got = await collect(
      pageNumberPages(
        async (n, size) => {
          calls.push(n);
          return { entities: items.slice((n - 1) * size, n * size), ...extra(n, size) };
        },
        { pageSize: 5 },
      ),
    );
    assert.deepEqual(got, items, label);
    assert.deepEqual(calls, [1, 2, 3, 4, 5], label);
  }
});

test('pageNumberPages stops at maxPages and on an empty page', async () => {
  let calls = 0;
  const got = await collect(
    pageNumberPages(
      async () => {
        calls++;
        return { entities: ['x'], nextUri: '/more' };
      },
      { pageSize: 1, maxPages: 3 },
    ),
  );
  assert.equal(got.length, 3);
  assert.equal(calls, 3);
  assert.deepEqual(await collect(pageNumberPages(async () => ({ entities: [], pageCount: 9 }))), []);
});

test('cursorPages takes the cursor from the body or from nextUri', async () => {
  const pages: Record<string, { entities: string[]; cursor?: string; nextUri?: string }> = {
    start: { entities: ['a', 'b'], cursor: 'c1' },
    c1: { entities: ['c'], nextUri: '/api/v2/users/query?cursor=c2&pageSize=2' },
    c2: { entities: ['d'] },
  };
  const seen: (string | undefined)[] = [];
  const got = await collect(
    cursorPages(async (cursor) => {
      seen.push(cursor);
      return pages[cursor ?? 'start']!;
    }),
  );
  assert.deepEqual(got, ['a', 'b', 'c', 'd']);
  assert.deepEqual(seen, [undefined, 'c1', 'c2']);
});

test('nextPagePages follows the nextPage token of nextUri', async () => {
  const seen: (string | undefined)[] = [];
  const got = await collect(
    nextPagePages(async (token) => {
      seen.push(token);
      if (!token)
        return {
          entities: [1, 2],
          nextUri: '/api/v2/speechandtextanalytics/programs/mappings?nextPage=tok%2F1&pageSize=2',
        };
      if (token === 'tok/1') return { entities: [3], nextUri: '/x?nextPage=tok2' };
      return { entities: [4] };
    }),
  );
  assert.deepEqual(got, [1, 2, 3, 4]);
  assert.deepEqual(seen, [undefined, 'tok/1', 'tok2']);
});

test('scimPages walks startIndex (1-based) by count until totalResults', async () => {
  const seen: [number, number][] = [];
  const got = await collect(
    scimPages(
      async (startIndex, count) => {
        seen.push([startIndex, count]);
        return { totalResults: items.length, Resources: items.slice(startIndex - 1, startIndex - 1 + count) };
      },
      { count: 10 },
    ),
  );
  assert.deepEqual(got, items);
  assert.deepEqual(seen, [
    [1, 10],
    [11, 10],
    [21, 10],
  ]);
});

test('queryParam reads relative and absolute URIs', () => {
  assert.equal(queryParam('/a?cursor=x', 'cursor'), 'x');
  assert.equal(queryParam('https://api.x/a?b=1&nextPage=y', 'nextPage'), 'y');
  assert.equal(queryParam(undefined, 'x'), undefined);
  assert.equal(queryParam('/a', 'x'), undefined);
});
