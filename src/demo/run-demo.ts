// The demo's composition root: starts every lab component and service that exists, on the default
// ports of DESIGN §2, embedded (no Redis, PostgreSQL or Docker), and stops them in reverse order.
import type { CliIo } from '../cli/context.ts';
import type { DemoContext, DemoOptions, StartedComponent } from '../core/demo-component.ts';
import { DEMO_COMPONENTS } from './components.ts';

export interface RunningDemo {
  components: StartedComponent[];
  stop(): Promise<void>;
}

export async function runDemo(options: DemoOptions, io: CliIo): Promise<RunningDemo> {
  const started: StartedComponent[] = [];
  const ctx: DemoContext = { options, io, urls: {} };
  const stop = async (): Promise<void> => {
    for (const c of started.reverse()) await c.stop();
  };
  try {
    for (const component of DEMO_COMPONENTS) {
      const c = await component.start(ctx);
      started.push(c);
      for (const [name, url] of Object.entries(c.urls ?? {})) {
        ctx.urls[name] = url;
        io.out(`${name.padEnd(28)} ${url}`);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  io.out(
    started.length
      ? `demo running (${started.map((c) => c.name).join(', ')}); Ctrl-C stops it`
      : 'demo running: no lab component or service is built yet; Ctrl-C stops it',
  );
  return { components: started, stop };
}
