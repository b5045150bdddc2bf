// The EXCP tracker alone (no Redis, no sending): T-Lib events per second through `step` on the supported
// mix of DESIGN §6, calls overlapping as at a steady call rate, and the state each live call holds.
// `npm run bench -- excp-core [--calls N]`. (The pair end to end is `npm run bench -- excp`.)
import { performance } from 'node:perf_hooks';
import {
  SCENARIO_NAMES,
  SCENARIO_OUTCOME,
  generateScenario,
  type SimEvent,
} from '../src/lab/engage/sip-server/scenarios/index.ts';
import { emptyState, step, type TrackerInput } from '../src/services/conversation-provider/core/api.ts';
import { makeWorld, toInput } from '../test/conversation-provider/scenario-world.ts';
import { report } from './_report.ts';

const TARGET_CALLS_S = 2000;

/** What the tracker alone does on this machine with `calls` calls of the supported mix. */
export function measureCore(calls: number): {
  inputs: number;
  out: number;
  eventsPerSecond: number;
  callsPerSecond: number;
  p99Us: number;
  peakChains: number;
  bytesPerCall: number;
} {
  const w = makeWorld({ agents: 1000 });
  const mix = SCENARIO_NAMES.filter((n) => SCENARIO_OUTCOME[n] === 'conversation');
  const events: SimEvent[] = [];
  const busy = new Set<string>();
  // 5 calls a second (a site per the seeds), each lasting a couple of minutes: about 500 live at once.
  for (let c = 0; c < calls; c++) {
    const r = generateScenario(mix[c % mix.length]!, {
      busy,
      topology: w.topology,
      startUs: 1.78e15 + c * 200_000,
      timeScale: 1,
      callIndex: c + 1,
      runTag: 'b3c4',
    });
    events.push(...r.events);
    // The driver keeps the agents of the last few hundred calls busy (about the calls still going on).
    for (const x of r.extensions) busy.add(x);
    if (busy.size > 1200) busy.clear();
  }
  events.sort((a, b) => a.atUs - b.atUs);
  const inputs = events.map((e) => toInput(w, e)).filter((x): x is TrackerInput => x !== undefined);
  const state = emptyState();
  const lat: number[] = [];
  let out = 0;
  let peakChains = 0;
  let peakBytes = 0;
  const t0 = performance.now();
  for (const [k, input] of inputs.entries()) {
    const s = performance.now();
    out += step(state, input, w.dir).events.length;
    lat.push(performance.now() - s);
    if (k % 5000 === 0) {
      const live = Object.values(state.chains).filter((c) => c.endedMs === undefined);
      if (live.length > peakChains) {
        peakChains = live.length;
        peakBytes = live.reduce((n, c) => n + JSON.stringify(c).length, 0) / live.length;
      }
    }
  }
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const p99 = lat[Math.floor(lat.length * 0.99)] ?? 0;
  return {
    inputs: inputs.length,
    out,
    eventsPerSecond: inputs.length / secs,
    callsPerSecond: calls / secs,
    p99Us: p99 * 1000,
    peakChains,
    bytesPerCall: peakBytes,
  };
}

export async function run(args: string[]): Promise<void> {
  const i = args.indexOf('--calls');
  const calls = i >= 0 ? Number(args[i + 1]) : 3000;
  const m = measureCore(calls);
  report('excp-core', [
    { metric: 'calls', value: calls },
    { metric: 'T-Lib events in', value: m.inputs },
    { metric: 'Genesys Cloud events out', value: m.out },
    { metric: 'events/s through step', value: m.eventsPerSecond, unit: 'events/s' },
    {
      metric: 'calls/s through step',
      value: m.callsPerSecond,
      unit: 'calls/s',
      target: `≥ ${TARGET_CALLS_S}`,
      ok: m.callsPerSecond >= TARGET_CALLS_S,
    },
    { metric: 'step p99', value: m.p99Us, unit: 'µs' },
    { metric: 'live calls (peak sampled)', value: m.peakChains },
    { metric: 'state per live call', value: m.bytesPerCall, unit: 'bytes' },
  ]);
}
