// Setting V8's heap growth at run time takes effect (it is read at every major GC), and an operator's
// own flag wins. Each case runs in a child process: the flag is the process's.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fixHeapGrowth, HEAP_GROWING_PERCENT } from './heap-growth.ts';

const MODULE = fileURLToPath(new URL('./heap-growth.ts', import.meta.url));

// Keeps 400,000 objects alive while replacing them 7 times over, then prints how many major GCs ran
// and what fixHeapGrowth returned. The allocation is fixed, so the count depends on the growth factor.
const CHURN = `
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { fixHeapGrowth } from ${JSON.stringify(MODULE)};
const set = fixHeapGrowth(Number(process.env.PERCENT));
let majors = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
}).observe({ entryTypes: ['gc'] });
const ring = new Array(400_000);
for (let i = 0; i < 3_000_000; i++) ring[i % ring.length] = { a: i, b: [i] };
setTimeout(() => console.log(JSON.stringify({ set: set ?? null, majors })), 50);
`;

async function churn(
  percent: number,
  nodeFlags: string[] = [],
): Promise<{ set: number | null; majors: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', '--input-type=module', '--eval', CHURN],
    { env: { ...process.env, PERCENT: String(percent) } },
  );
  return JSON.parse(stdout) as { set: number | null; majors: number };
}

describe('fixHeapGrowth', () => {
  it('changes how often a running process collects its old generation', async () => {
    const [tight, loose] = await Promise.all([churn(10), churn(HEAP_GROWING_PERCENT)]);
    assert.equal(tight.set, 10);
    assert.equal(loose.set, HEAP_GROWING_PERCENT);
    assert.ok(loose.majors >= 1, `the workload must fill the old generation (${loose.majors} major GCs)`);
    assert.ok(
      tight.majors >= 2 * loose.majors,
      `growth 10%: ${tight.majors} major GCs, growth ${HEAP_GROWING_PERCENT}%: ${loose.majors}`,
    );
  });

  it("leaves the operator's own flag alone", async () => {
    const own = await churn(HEAP_GROWING_PERCENT, ['--heap-growing-percent=10']);
    const tight = await churn(10);
    assert.equal(own.set, null);
    // The operator's 10% held: as many major GCs as a process set to 10% at run time.
    assert.ok(own.majors >= tight.majors - 1, `operator's 10%: ${own.majors}, set to 10%: ${tight.majors}`);
    for (const flag of ['--heap-growing-percent=50', '--heap_growing_percent=50', '--heap-growing-percent'])
      assert.equal(fixHeapGrowth(HEAP_GROWING_PERCENT, [flag]), undefined, flag);
  });

  it('null leaves V8 its own choice; a value out of range is refused with what was wrong', () => {
    assert.equal(fixHeapGrowth(null, []), undefined);
    assert.throws(() => fixHeapGrowth(0, []), /whole percentage from 1 to 1000, not 0/);
    assert.throws(() => fixHeapGrowth(2.5, []), /not 2.5/);
  });
});
