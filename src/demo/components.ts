// The parts of the demo, in start order. Each capability adds its component here.
import type { CliIo } from '../cli/context.ts';

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

export const DEMO_COMPONENTS: DemoComponent[] = [];
