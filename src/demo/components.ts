// The parts of the demo, in start order. Each capability adds its component here; later components
// find earlier ones through `ctx.urls`.
import type { CliIo } from '../cli/context.ts';
import { labConfigDbComponent } from '../lab/engage/configdb/demoComponent.ts';
import { labSipServerComponent } from '../lab/engage/sip-server/demoComponent.ts';
import { labStatServerComponent } from '../lab/engage/stat-server/demoComponent.ts';
import { exasDemoComponent } from '../services/agent-state-sync/demoComponent.ts';
import { configSyncDemoComponent } from '../services/config-sync/demoComponent.ts';
import { excpDemoComponent } from '../services/conversation-provider/demoComponent.ts';
import { cloudEmulatorComponent } from './cloud-component.ts';

export interface DemoOptions {
  agents: number;
  caps: number;
  changes: boolean;
  open: boolean;
}

export interface DemoContext {
  options: DemoOptions;
  io: CliIo;
  /** URLs of the components started so far, by name (later components find earlier ones here). */
  urls: Record<string, string>;
}

export interface StartedComponent {
  name: string;
  urls?: Record<string, string>;
  stop(): Promise<void>;
}

export interface DemoComponent {
  name: string;
  start(ctx: DemoContext): Promise<StartedComponent>;
}

export const DEMO_COMPONENTS: DemoComponent[] = [
  cloudEmulatorComponent(),
  labConfigDbComponent(),
  configSyncDemoComponent(),
  labSipServerComponent(),
  labStatServerComponent(),
  exasDemoComponent(),
  excpDemoComponent(),
];
