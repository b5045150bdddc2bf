// What a capability contributes to `npm run demo`: a component that starts and stops itself. The type sits
// here, below the services and the lab, so that they can offer a component without importing the demo
// root that lists them (src/demo/components.ts).

import type { Registry } from 'prom-client';

export interface DemoOptions {
  agents: number;
  caps: number;
  changes: boolean;
  open: boolean;
  /**
   * The recording path (WebDAV, EXRP pair and load balancers, MCP simulator): undefined = on (src/demo/
   * run-demo.ts decides), false = `--no-recordings`.
   */
  recordings?: boolean;
  /** EXRP's queue: BullMQ on a private redis-server when one is on the PATH, else in memory (run-demo.ts). */
  recordingQueue?: 'redis' | 'memory';
  /** Every component on a free port instead of DESIGN §2's (tests, and a second demo on one machine). */
  freePorts?: boolean;
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

/** A button of the console's operator panel (kill an instance, …), run by the demo's control API. */
export interface DemoOperation {
  id: string;
  label: string;
  /** Heading the panel groups it under. */
  group: string;
  /** A value the operator gives (a rate, a scenario name); validated by `run`. */
  input?:
    | { kind: 'number'; label: string; min: number; max: number; value: number; step?: number }
    | { kind: 'choice'; label: string; choices: string[] };
  /** Does it; answers one line saying what happened, or throws a user-facing error. */
  run(value?: string): Promise<string>;
}

/** A service instance as the demo shows it: its /health in the console, its metrics in the status line. */
export interface DemoService {
  /** `excs`, `exas`, `excp-1`… (the status line groups instances by the part before the dash). */
  name: string;
  url: string;
  registry?: Registry;
  /** false while killed from the operator panel. */
  running?(): boolean;
}

export interface StartedComponent {
  name: string;
  urls?: Record<string, string>;
  services?: DemoService[];
  operations?: DemoOperation[];
  stop(): Promise<void>;
}

export interface DemoComponent {
  name: string;
  /**
   * Begins slow work that needs no other component (PGlite's start), before the components start one by
   * one; `start` then waits for it.
   */
  prepare?(options: DemoOptions): void;
  start(ctx: DemoContext): Promise<StartedComponent>;
}
