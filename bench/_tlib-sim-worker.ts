// The SIP Server simulator of `npm run bench -- tlib`, in a worker thread so that it has a core of its
// own and the benchmark measures the link client, not the two competing for one thread.
import { parentPort } from 'node:worker_threads';
import {
  parseMix,
  SCENARIO_NAMES,
  siteDns,
  startSipServerSimulator,
} from '../src/lab/engage/sip-server/index.ts';
import { pickScenario } from '../src/lab/engage/sip-server/traffic.ts';

const port = parentPort;
if (!port) throw new Error('run as a worker');
const sim = await startSipServerSimulator({ adminPort: null, timeScale: 0, runTag: 'be00' });
port.postMessage({
  kind: 'ready',
  primaryPort: sim.primaryPort,
  backupPort: sim.backupPort,
  dns: [...siteDns(sim.topology.home), ...siteDns(sim.topology.remote)],
});
port.on('message', async (msg: { kind: 'play'; calls: number; mix?: string } | { kind: 'stop' }) => {
  if (msg.kind === 'stop') {
    await sim.stop();
    port.close();
    return;
  }
  const mix = msg.mix ? parseMix(msg.mix) : Object.fromEntries(SCENARIO_NAMES.map((n) => [n, 1]));
  // Every call is generated first and starts at the same moment, so that what is measured is the link
  // (serialising, sending, reading, de-duplicating, decoding), not the scenario generator.
  let events = 0;
  sim.pause();
  for (let i = 0; i < msg.calls; i++) {
    events += sim.playScenarioDetailed(pickScenario(mix, (i * 0.618034) % 1)).events.length;
  }
  port.postMessage({ kind: 'queued', events });
  const t0 = performance.now();
  sim.resume();
  await sim.drained();
  port.postMessage({ kind: 'drained', sendMs: performance.now() - t0 });
});
