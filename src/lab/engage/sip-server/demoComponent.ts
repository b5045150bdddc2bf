// The SIP Server simulator as a demo component (src/demo/components.ts): the pair on 8000/8001 and the
// admin API on 8090 (DESIGN §2), on the lab Config DB's agents when that component runs first, with live
// traffic at the demo's --caps.
import type { DemoComponent, StartedComponent } from '../../../core/demo-component.ts';
import { readSnapshot } from '../../../engage/configdb/index.ts';
import { openLabDatabase } from '../configdb/database.ts';
import { startSipServerSimulator } from './index.ts';
import { topologyFromSnapshot } from './topology-configdb.ts';
import { generateTopology, type SipTopology } from './topology.ts';

export interface LabSipServerComponentOptions {
  port?: number;
  backupPort?: number;
  adminPort?: number;
  /** Multiplies call durations (1: real time). */
  timeScale?: number;
}

async function topologyOf(configDbUrl: string | undefined, agents: number): Promise<SipTopology> {
  if (!configDbUrl) return generateTopology({ agents });
  const db = await openLabDatabase(configDbUrl);
  try {
    return topologyFromSnapshot(await readSnapshot(db.client));
  } finally {
    await db.close();
  }
}

export function labSipServerComponent(opts: LabSipServerComponentOptions = {}): DemoComponent {
  return {
    name: 'sip',
    async start(ctx): Promise<StartedComponent> {
      let topology: SipTopology;
      try {
        topology = await topologyOf(ctx.urls['configdb'], ctx.options.agents);
      } catch (err) {
        ctx.io.err(
          `SIP Server simulator: Config DB topology unusable (${(err as Error).message}); generating one`,
        );
        topology = generateTopology({ agents: ctx.options.agents });
      }
      const sim = await startSipServerSimulator({
        port: opts.port ?? 8000,
        backupPort: opts.backupPort ?? 8001,
        adminPort: opts.adminPort ?? 8090,
        topology,
        timeScale: opts.timeScale ?? 1,
        caps: ctx.options.caps,
      });
      const servers = `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`;
      ctx.io.out(`SIP Server simulator: ${servers}, admin ${sim.adminUrl}, ${ctx.options.caps} calls/s`);
      return {
        name: 'sip',
        urls: { sip: servers, sipAdmin: sim.adminUrl },
        stop: () => sim.stop(),
      };
    },
  };
}
