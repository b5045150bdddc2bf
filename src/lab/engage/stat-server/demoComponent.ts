// The Stat Server simulator as a demo component (src/demo/components.ts): the pair on 2060/2061 and the
// admin API on 2070 (DESIGN §2). Agents are created as EXAS opens them and follow the simulator's own
// schedule (about one change per agent every 20 s).
import type { DemoComponent, StartedComponent } from '../../../demo/components.ts';
import { startStatServerSimulator } from './simulator.ts';

export interface LabStatServerComponentOptions {
  port?: number;
  backupPort?: number;
  adminPort?: number;
  changesPerSecond?: number;
}

export function labStatServerComponent(opts: LabStatServerComponentOptions = {}): DemoComponent {
  return {
    name: 'stat',
    async start(ctx): Promise<StartedComponent> {
      const rate = opts.changesPerSecond ?? Math.max(1, ctx.options.agents / 20);
      const sim = await startStatServerSimulator({
        port: opts.port ?? 2060,
        backupPort: opts.backupPort ?? 2061,
        adminPort: opts.adminPort ?? 2070,
        changesPerSecond: rate,
      });
      const servers = `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`;
      ctx.io.out(`Stat Server simulator: ${servers}, admin ${sim.adminUrl}, ${rate} changes/s`);
      return { name: 'stat', urls: { stat: servers, statAdmin: sim.adminUrl }, stop: () => sim.stop() };
    },
  };
}
