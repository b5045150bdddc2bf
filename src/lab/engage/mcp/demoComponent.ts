// The MCP simulator as a demo component (the lead lists it in src/demo/components.ts, after the SIP Server
// simulator, WebDAV and EXCP): it follows the demo's SIP Server pair and delivers each recorded segment to
// the demo's WebDAV and to EXCP, through the demo's load balancer when one runs. It finds them in
// `ctx.urls` (`sip`, `webdav`, `excpLb` else `excp`), or in the options, which win.
import type { DemoComponent, StartedComponent } from '../../../core/demo-component.ts';
import { recordedAgents } from './agents.ts';
import { startMcpSimulator } from './index.ts';
import type { McpConfigInput } from './config.ts';

export interface LabMcpComponentOptions {
  /** recdest2; default `ctx.urls.webdav`. */
  recdest?: string;
  /** httpauthorization2 (`user:password`) of the demo's WebDAV. */
  httpAuthorization?: string;
  /** callrec_dest; default `<ctx.urls.excpLb or ctx.urls.excp>/api/v1/recording`. */
  callrecDest?: string;
  /** Anything else of the simulator's settings (retries, audio, trunk…). */
  config?: Partial<McpConfigInput>;
}

export function labMcpComponent(opts: LabMcpComponentOptions = {}): DemoComponent {
  return {
    name: 'mcp',
    async start(ctx): Promise<StartedComponent> {
      const recdest = opts.recdest ?? ctx.urls['webdav'];
      const excp = ctx.urls['excpLb'] ?? ctx.urls['excp'];
      const callrecDest =
        opts.callrecDest ?? (excp ? `${excp.replace(/\/$/, '')}/api/v1/recording` : undefined);
      if (!recdest || !callrecDest) {
        ctx.io.err('MCP simulator: no WebDAV or EXCP in the demo; not recording');
        return { name: 'mcp', stop: async () => undefined };
      }
      const mcp = startMcpSimulator({
        servers: ctx.urls['sip'] ?? '127.0.0.1:8000/127.0.0.1:8001',
        agents: await recordedAgents({ configDbUrl: ctx.urls['configdb'], agents: ctx.options.agents }),
        config: {
          ...opts.config,
          recdest,
          ...(opts.httpAuthorization ? { httpAuthorization: opts.httpAuthorization } : {}),
          callrecDest,
        },
      });
      ctx.io.out(`MCP simulator: recordings → ${mcp.config.recdest}, metadata → ${mcp.config.callrecDest}`);
      return { name: 'mcp', stop: () => mcp.stop() };
    },
  };
}
