// The Stat Server simulator as a demo component (src/demo/components.ts): the pair on 2060/2061 and the
// admin API on 2070 (DESIGN §2). Agents are created as EXAS opens them; those of the SIP Server
// simulator (when it runs) follow their calls, the others the simulator's own schedule.
import type { DemoComponent, StartedComponent } from '../../../core/demo-component.ts';
import { sipAgents } from './sip-agents.ts';
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
      // With the SIP Server simulator running, its agents' states follow their calls.
      const servers = ctx.urls['sip'];
      let sip;
      if (servers) {
        try {
          sip = {
            servers,
            agents: await sipAgents({ configDbUrl: ctx.urls['configdb'], agents: ctx.options.agents }),
          };
        } catch (err) {
          ctx.io.err(
            `Stat Server simulator: SIP Server agents unknown (${(err as Error).message}); schedule only`,
          );
        }
      }
      const sim = await startStatServerSimulator({
        ...(sip ? { sip } : {}),
        port: opts.port ?? 2060,
        backupPort: opts.backupPort ?? 2061,
        adminPort: opts.adminPort ?? 2070,
        changesPerSecond: rate,
      });
      const pair = `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort}`;
      ctx.io.out(
        `Stat Server simulator: ${pair}, admin ${sim.adminUrl}, ${rate} changes/s${sip ? ', following the SIP Server' : ''}`,
      );
      return { name: 'stat', urls: { stat: pair, statAdmin: sim.adminUrl }, stop: () => sim.stop() };
    },
  };
}
