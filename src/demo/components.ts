// The parts of the demo, in start order. Each capability adds its component here (the type is in
// core/demo-component.ts); later components find earlier ones through `ctx.urls`. Ports are DESIGN §2's,
// or free ones (`freePorts`: tests, a second demo on one machine).
import type { DemoComponent, DemoOptions } from '../core/demo-component.ts';
import type { DemoBacking } from './backing.ts';
import { labConfigDbComponent } from '../lab/engage/configdb/demoComponent.ts';
import { labSipServerComponent } from '../lab/engage/sip-server/demoComponent.ts';
import { labStatServerComponent } from '../lab/engage/stat-server/demoComponent.ts';
import { exasDemoComponent } from '../services/agent-state-sync/demoComponent.ts';
import { configSyncDemoComponent } from '../services/config-sync/demoComponent.ts';
import { excpDemoComponent } from '../services/conversation-provider/demoComponent.ts';
import { cloudEmulatorComponent } from './cloud-component.ts';

/** The demo's control API (the console's operator panel calls it); not pinned by DESIGN §2. */
export const CONTROL_PORT = 3601;

/**
 * The recording path (EXRP pair, lab WebDAV, MCP simulator), started after the EXCP pair with
 * `--recordings`. Empty in this build: the demo says so.
 */
export function recordingComponents(_options: DemoOptions, _port: (n: number) => number): DemoComponent[] {
  return [];
}

export function demoComponents(options: DemoOptions, backing: DemoBacking): DemoComponent[] {
  const port = (n: number) => (options.freePorts ? 0 : n);
  return [
    cloudEmulatorComponent({ port: port(3600) }),
    labConfigDbComponent({
      port: port(5433),
      ...(backing.databaseUrl ? { databaseUrl: backing.databaseUrl } : {}),
    }),
    configSyncDemoComponent({ port: port(3640), store: backing.store }),
    labSipServerComponent({ port: port(8000), backupPort: port(8001), adminPort: port(8090) }),
    labStatServerComponent({ port: port(2060), backupPort: port(2061), adminPort: port(2070) }),
    exasDemoComponent({ port: port(3630), store: backing.store }),
    excpDemoComponent({ ports: [port(3650), port(3651)], store: backing.store }),
    ...(options.recordings ? recordingComponents(options, port) : []),
  ];
}
