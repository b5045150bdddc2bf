// The demo's status rows: which metric each number comes from, pairs summed, lag over the interval.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { countersOf, statusLine, statusRows, type MetricJson } from './status.ts';

async function excpRegistry(inN: number, accepted: number, rejected: number, lags: number[], r429 = 0) {
  const registry = new Registry();
  const r = [registry];
  const eventsIn = new Counter({
    name: 'exec_excp_events_in_total',
    help: 'h',
    labelNames: ['link'],
    registers: r,
  });
  eventsIn.inc({ link: 'vq' }, inN - 1);
  eventsIn.inc({ link: 'call' }, 1);
  const out = new Counter({
    name: 'exec_excp_events_out_total',
    help: 'h',
    labelNames: ['kind', 'result'],
    registers: r,
  });
  out.inc({ kind: 'a', result: 'accepted' }, accepted);
  out.inc({ kind: 'a', result: 'retried' }, 99);
  out.inc({ kind: 'a', result: 'rejected' }, rejected);
  const h = new Histogram({ name: 'exec_excp_send_latency_seconds', help: 'h', buckets: [1], registers: r });
  for (const l of lags) h.observe(l);
  new Counter({ name: 'exec_cloud_rate_limited_total', help: 'h', labelNames: ['area'], registers: r }).inc(
    { area: 'events' },
    r429,
  );
  return (await registry.getMetricsAsJSON()) as unknown as MetricJson[];
}

test('counters come from the service kind’s metrics, by label', async () => {
  const c = countersOf('excp-2', await excpRegistry(10, 7, 2, [0.1, 0.3], 4));
  assert.equal(c.in, 10);
  assert.equal(c.out, 7);
  assert.equal(c.rejected, 2);
  assert.equal(c.rateLimited, 4);
  assert.equal(c.latencyCount, 2);
  assert.ok(Math.abs(c.latencySum - 0.4) < 1e-9);
  const unknown = countersOf('later-1', await excpRegistry(1, 1, 0, [], 3));
  assert.deepEqual([unknown.in, unknown.out, unknown.rejected, unknown.rateLimited], [null, null, null, 3]);
  assert.deepEqual(countersOf('excs', []).out, 0);
  assert.deepEqual(countersOf('exrp-2', []).in, 0, 'EXRP is a known kind');
});

test('a pair is summed into one row; lag is the mean over the interval; a killed instance is noted', async () => {
  const a = countersOf('excp-1', await excpRegistry(10, 5, 1, [0.1, 0.1]));
  const b = countersOf('excp-2', await excpRegistry(10, 3, 0, [0.4]));
  const first = statusRows(
    [
      { name: 'excp-1', counters: a },
      { name: 'excp-2', counters: b },
    ],
    new Map(),
  );
  assert.deepEqual(first.rows, [
    { name: 'excp', in: 20, out: 8, lagMs: 200, rateLimited: 0, rejected: 1, note: null },
  ]);
  const later = countersOf('excp-2', await excpRegistry(30, 9, 0, [0.4, 1, 1]));
  const second = statusRows(
    [
      { name: 'excp-1', counters: null },
      { name: 'excp-2', counters: later },
    ],
    first.memory,
  );
  // excp-1's counts stay in the row after it is killed; excp-2 sent two more events with 1 s lag.
  assert.deepEqual(second.rows[0], {
    name: 'excp',
    in: 40,
    out: 14,
    lagMs: 1000,
    rateLimited: 0,
    rejected: 1,
    note: 'excp-1 down',
  });
  const restarted = countersOf('excp-1', await excpRegistry(2, 1, 0, [0.05]));
  const third = statusRows(
    [
      { name: 'excp-1', counters: restarted },
      { name: 'excp-2', counters: later },
    ],
    second.memory,
  );
  assert.deepEqual(
    [third.rows[0]?.in, third.rows[0]?.out, third.rows[0]?.lagMs, third.rows[0]?.note],
    [42, 15, 50, null],
  );
  const idle = statusRows([{ name: 'excp-2', counters: later }], third.memory);
  assert.equal(idle.rows[0]?.lagMs, null);
  assert.equal(
    statusLine(second.rows[0]!),
    'excp  in 40 · out 14 · lag 1000 ms · 429s 0 · rejected 1 (excp-1 down)',
  );
});
