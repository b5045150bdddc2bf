import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowWindows } from './latency-windows.ts';

test('slow events are counted per window of acceptance time', () => {
  // Windows of 500 ms: [0, 500) has two slow events, [1000, 1500) one; 100 ms is not over 100.
  const at = [10, 20, 499, 700, 1000, 1499, 2000];
  const lat = [150, 30, 101, 100, 400, 20, 99];
  assert.deepEqual(slowWindows(at, lat, 100), { slow: 3, windows: 2, worst: 2 });
  assert.deepEqual(slowWindows(at, lat, 100, 250), { slow: 3, windows: 3, worst: 1 });
});

test('no slow events: nothing to report', () => {
  assert.deepEqual(slowWindows([1, 2], [5, 6], 100), { slow: 0, windows: 0, worst: 0 });
  assert.deepEqual(slowWindows([], [], 100), { slow: 0, windows: 0, worst: 0 });
});

test('misaligned inputs are refused', () => {
  assert.throws(() => slowWindows([1], [1, 2], 100), /1 acceptance times for 2 latencies/);
});
