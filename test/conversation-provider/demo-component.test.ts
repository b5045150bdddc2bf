// The demo's EXCP pair (two instances on their own ports, one in-memory store) fed by the SIP Server
// simulator and injecting into the emulator: a call played becomes one conversation in the org.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { generateTopology, startSipServerSimulator } from '../../src/lab/engage/sip-server/index.ts';
import { excpDemoComponent } from '../../src/services/conversation-provider/demoComponent.ts';
import { until } from '../agent-state-sync/checks.ts';
import { freePort } from '../harness/index.ts';
import { buildOrg, startLabCloud, startMappingServer, type OrgConversation } from './lab.ts';

it('the demo component runs the pair, each with /health, and injects a played call', async () => {
  const { emulator, admin } = await startLabCloud();
  const topology = generateTopology({ agents: 10 });
  const excs = await startMappingServer(await buildOrg(admin, topology));
  const sim = await startSipServerSimulator({ topology, timeScale: 0.001 });
  const out: string[] = [];
  const ports: [number, number] = [await freePort(), await freePort()];
  const started = await excpDemoComponent({ ports }).start({
    options: { agents: 10, caps: 0, changes: false, open: false },
    io: { out: (l: string) => void out.push(l), err: (l: string) => void out.push(l) },
    urls: {
      cloud: emulator.url,
      excs: excs.url,
      sip: `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`,
    },
  });
  try {
    for (const port of ports) {
      await until(
        `/health on ${port}`,
        async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
        10_000,
      );
    }
    const callUuid = sim.playScenario('answered-agent-hangs-up');
    await until(
      'the conversation ended in the org',
      async () => {
        const org = (await (await fetch(`${emulator.url}/__emulator/org`)).json()) as {
          conversations: OrgConversation[];
        };
        const c = org.conversations.find((x) => x.interactionId === callUuid);
        return (
          !!c &&
          c.participants.some((p) => p.purpose === 'user') &&
          c.participants.every((p) => p.state === 'disconnected')
        );
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    assert.match(out.join('\n'), /EXCP pair: http:\/\/127\.0\.0\.1:\d+, http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    await started.stop();
    await sim.stop();
    await excs.stop();
    await admin.close();
    await emulator.stop();
  }
});
