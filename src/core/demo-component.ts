// What a capability contributes to `npm run demo`: a component that starts and stops itself. The type sits
// here, below the services and the lab, so that they can offer a component without importing the demo
// root that lists them (src/demo/components.ts).

export interface DemoOptions {
  agents: number;
  caps: number;
  changes: boolean;
  open: boolean;
}

/** Where the demo writes (the CLI's io fits). */
export interface DemoIo {
  out(line: string): void;
  err(line: string): void;
}

export interface DemoContext {
  options: DemoOptions;
  io: DemoIo;
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
