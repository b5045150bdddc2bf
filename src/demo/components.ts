// The parts of the demo, in start order. Each capability adds its component here (the type is in
// core/demo-component.ts); later components find earlier ones through `ctx.urls`. Ports are DESIGN §2's,
// or free ones (`freePorts`: tests, a second demo on one machine).
import type { DemoComponent, DemoOptions } from '../core/demo-component.ts';
import type { DemoBacking } from './backing.ts';
import { LAB_WEBDAV } from '../lab/engage/configdb/constants.ts';
import { labConfigDbComponent } from '../lab/engage/configdb/demoComponent.ts';
import { labSipServerComponent } from '../lab/engage/sip-server/demoComponent.ts';
import { labStatServerComponent } from '../lab/engage/stat-server/demoComponent.ts';
import { exasDemoComponent } from '../services/agent-state-sync/demoComponent.ts';
import { configSyncDemoComponent } from '../services/config-sync/demoComponent.ts';
import { excpDemoComponent } from '../services/conversation-provider/demoComponent.ts';
import { labMcpComponent } from '../lab/engage/mcp/demoComponent.ts';
import { labWebdavDemoComponent } from '../lab/webdav/demoComponent.ts';
import { exrpDemoComponent } from '../services/recording-provider/demoComponent.ts';
import { cloudEmulatorComponent } from './cloud-component.ts';
import { loadBalancerComponent } from './load-balancer.ts';

/** The demo's control API (the console's operator panel calls it); not pinned by DESIGN §2. */
export const CONTROL_PORT = 3601;

/**
 * The recording path (issue 13): WebDAV, the EXRP pair and the load balancer in front of it start before
 * the EXCP pair (which sends to that load balancer); the EXCP load balancer and the MCP simulator after.
 * `options.recordings` and EXRP's queue (redis-server or in memory) are decided by run-demo.ts.
 */
export function recordingComponents(
  port: (n: number) => number,
  queue: 'redis' | 'memory' = 'redis',
): {
  beforeExcp: DemoComponent[];
  afterExcp: DemoComponent[];
} {
  return {
    beforeExcp: [
      labWebdavDemoComponent({ port: port(8088) }),
      exrpDemoComponent({ ports: [port(8080), port(8081)], queue }),
      loadBalancerComponent({ name: 'exrpLb', port: port(8070), backends: ['exrp1', 'exrp2'] }),
    ],
    afterExcp: [
      loadBalancerComponent({ name: 'excpLb', port: port(3660), backends: ['excp', 'excp2'] }),
      labMcpComponent({ httpAuthorization: `${LAB_WEBDAV.user}:${LAB_WEBDAV.password}` }),
    ],
  };
}

/** EXCP's recording options in the demo: segments are waited for 3 s after a call (not 10) to show sooner. */
const DEMO_EXCP_RECORDING = { settleMs: 3000, settingsRefreshMs: 10_000 };

export function demoComponents(options: DemoOptions, backing: DemoBacking): DemoComponent[] {
  const port = (n: number) => (options.freePorts ? 0 : n);
  const rec = options.recordings
    ? recordingComponents(port, options.recordingQueue)
    : { beforeExcp: [], afterExcp: [] };
  return [
    cloudEmulatorComponent({ port: port(3600) }),
    labConfigDbComponent({
      port: port(5433),
      ...(backing.databaseUrl ? { databaseUrl: backing.databaseUrl } : {}),
      ...(options.recordings
        ? { transactionOptions: [['conversation_provider', 'recording_enabled', 'true']] }
        : {}),
    }),
    configSyncDemoComponent({ port: port(3640), store: backing.store }),
    labSipServerComponent({ port: port(8000), backupPort: port(8001), adminPort: port(8090) }),
    labStatServerComponent({ port: port(2060), backupPort: port(2061), adminPort: port(2070) }),
    exasDemoComponent({ port: port(3630), store: backing.store }),
    ...rec.beforeExcp,
    excpDemoComponent({
      ports: [port(3650), port(3651)],
      store: backing.store,
      ...(options.recordings ? { recording: DEMO_EXCP_RECORDING } : {}),
    }),
    ...rec.afterExcp,
  ];
}
