// The parts of the demo, in start order. Each capability adds its component here (the type is in
// core/demo-component.ts); later components find earlier ones through `ctx.urls`.
import type { DemoComponent } from '../core/demo-component.ts';
import { labConfigDbComponent } from '../lab/engage/configdb/demoComponent.ts';
import { labSipServerComponent } from '../lab/engage/sip-server/demoComponent.ts';
import { labStatServerComponent } from '../lab/engage/stat-server/demoComponent.ts';
import { exasDemoComponent } from '../services/agent-state-sync/demoComponent.ts';
import { configSyncDemoComponent } from '../services/config-sync/demoComponent.ts';
import { excpDemoComponent } from '../services/conversation-provider/demoComponent.ts';
import { cloudEmulatorComponent } from './cloud-component.ts';

export const DEMO_COMPONENTS: DemoComponent[] = [
  cloudEmulatorComponent(),
  labConfigDbComponent(),
  configSyncDemoComponent(),
  labSipServerComponent(),
  labStatServerComponent(),
  exasDemoComponent(),
  excpDemoComponent(),
];
