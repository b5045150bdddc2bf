// Poison objects: per-object backoff, exactly, on a clock the test moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanOp } from '../planner/types.ts';
import { delayAfter, holdBack, objectOf, RetryBook } from './retries.ts';

const clock = (): { now(): number; at: number } => {
  const c = { at: 0, now: () => c.at };
  return c;
};
const blank = { key: 'wrapupCode:  ', type: 'wrapupCode' as const, name: '  ' };

test('delays double from the base up to the cap', () => {
  const policy = { baseMs: 5_000, maxMs: 60_000 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 20].map((n) => delayAfter(n, policy)),
    [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000],
  );
});

test('a failing object is held until its retry is due, then retried; success forgets it', () => {
  const c = clock();
  const book = new RetryBook(c, { baseMs: 5_000, maxMs: 60_000 });
  const f1 = book.failed(blank, 'name is required');
  assert.deepEqual([f1.attempts, f1.nextRetryAt], [1, 5_000]);
  c.at = 4_999;
  assert.equal(book.isHeld(blank.key), true);
  c.at = 5_000;
  assert.equal(book.isHeld(blank.key), false, 'due: its operations go out again');
  const f2 = book.failed(blank, 'name is required');
  assert.deepEqual([f2.attempts, f2.nextRetryAt, f2.firstFailedAt], [2, 15_000, 0]);
  assert.equal(book.nextDueAt(), 15_000);
  assert.equal(book.isHeld('user:7'), false, 'other objects are never held');
  book.succeeded(blank.key);
  assert.equal(book.isHeld(blank.key), false);
  assert.deepEqual(book.list(), []);
  assert.equal(book.nextDueAt(), undefined);
});

test('holdBack drops the held object’s operations and its name from queue wrap-up operations', () => {
  const c = clock();
  const book = new RetryBook(c);
  book.failed(blank, 'refused');
  book.failed({ key: 'queue:20', type: 'queue', name: 'VQ20' }, 'refused');
  const ops: PlanOp[] = [
    { op: 'createWrapupCode', name: '  ' },
    { op: 'createWrapupCode', name: 'Done' },
    { op: 'addQueueWrapupCodes', dnDbid: 20, queueName: 'VQ20', names: ['  ', 'Done'] },
    { op: 'addQueueWrapupCodes', dnDbid: 21, queueName: 'VQ21', names: ['  ', 'Done'] },
    { op: 'addQueueWrapupCodes', dnDbid: 22, queueName: 'VQ22', names: ['  '] },
    { op: 'deactivateUser', personDbid: 7, userName: 'u7@x.com', cloudId: 'c7' },
  ];
  const r = holdBack(ops, book);
  assert.deepEqual(r.ops, [
    { op: 'createWrapupCode', name: 'Done' },
    { op: 'addQueueWrapupCodes', dnDbid: 21, queueName: 'VQ21', names: ['Done'] },
    { op: 'deactivateUser', personDbid: 7, userName: 'u7@x.com', cloudId: 'c7' },
  ]);
  assert.equal(r.held, 2);
  assert.deepEqual(objectOf(ops[5] as PlanOp), { key: 'user:7', type: 'user', name: 'u7@x.com' });
});
