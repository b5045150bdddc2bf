import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Counter, Registry, perEventCounter } from './metrics.ts';

it('perEventCounter counts per label set as the counter itself would', async () => {
  const registry = new Registry();
  const c = new Counter({ name: 'x_total', help: 'x', labelNames: ['a', 'b'], registers: [registry] });
  const hot = perEventCounter(c);
  hot.inc({ a: '1', b: '2' });
  hot.inc({ a: '1', b: '2' }, 3);
  hot.inc({ b: '2', a: '1' });
  hot.inc({ a: '1', b: '3' });
  const values = (await c.get()).values.map((v) => [v.labels, v.value]);
  assert.deepEqual(values, [
    [{ a: '1', b: '2' }, 5],
    [{ a: '1', b: '3' }, 1],
  ]);
});
