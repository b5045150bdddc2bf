// How far V8 lets an EXCP process's old generation grow past what survived the last major GC before
// it runs the next one. V8 picks the factor itself, between 1.1 and 4, from how fast it collects
// against how fast the program allocates: under a steady call load an instance allocates fast, the
// factor stays low, and a major GC runs every few seconds. Each one's parallel phases take a core from
// the lease holder on a small machine, and every event in flight then waits: the latency episodes of
// docs/excp-performance.md. A fixed factor of 4 (what V8 chooses itself when the program is quiet)
// makes them rare, for memory: the heap may reach 4 times its live size
// (a few hundred MB at 200 calls/s). V8's flags belong to the process, so this is set once, at start,
// and an operator who passes the flag to node keeps their own value.
import { setFlagsFromString } from 'node:v8';

/** Growth of the old generation between major GCs, in percent over its live size (factor 4). */
export const HEAP_GROWING_PERCENT = 300;

const FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Fixes V8's heap growth at `percent` unless node was started with the flag (`execArgv`); null leaves
 * V8 its own choice. Returns what was set, or undefined when nothing was.
 */
export function fixHeapGrowth(
  percent: number | null = HEAP_GROWING_PERCENT,
  execArgv: readonly string[] = process.execArgv,
): number | undefined {
  if (percent === null || execArgv.some((a) => FLAG.test(a))) return undefined;
  if (!Number.isInteger(percent) || percent < 1 || percent > 1000)
    throw new RangeError(`heap growth must be a whole percentage from 1 to 1000, not ${percent}`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
