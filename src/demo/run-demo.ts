// The demo's composition root: starts every lab component and service that exists, on the default
// ports of DESIGN §2 (or free ones), embedded (no Redis, PostgreSQL or Docker), then the control API the
// console's operator panel calls, links the console to both, and stops everything in reverse order.
import { spawn } from 'node:child_process';
import type { CliIo } from '../cli/context.ts';
import type {
  DemoContext,
  DemoOperation,
  DemoOptions,
  DemoService,
  StartedComponent,
} from '../core/demo-component.ts';
import { demoBacking, shownUrl } from './backing.ts';
import { redisServerOnPath } from '../services/recording-provider/demoComponent.ts';
import { CONTROL_PORT, demoComponents } from './components.ts';
import { labOperations } from './control/lab-operations.ts';
import { startControlServer, type ControlServer } from './control/server.ts';
import { StatusPoller } from './status-poller.ts';

export interface RunningDemo {
  components: StartedComponent[];
  consoleUrl: string;
  controlUrl: string;
  status: StatusPoller;
  stop(): Promise<void>;
}

export interface RunDemoSettings {
  /** Status lines every this many seconds (0: none); default 10. */
  statusEverySeconds?: number;
  /** Whether redis-server can be started (default: looked up on the PATH). */
  hasRedisServer?: boolean;
}

async function linkConsole(cloud: string, services: DemoService[], controlUrl: string): Promise<void> {
  const res = await fetch(`${cloud}/__emulator/console/links`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ services: services.map((s) => ({ name: s.name, url: s.url })), controlUrl }),
  });
  if (!res.ok) throw new Error(`cannot link the console: HTTP ${res.status} ${await res.text()}`);
}

function openBrowser(url: string, io: CliIo): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(cmd, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => io.err(`--open: cannot run ${cmd}; open ${url} yourself`));
  child.unref();
}

/**
 * The recording path runs unless `--no-recordings`. EXRP's queue is BullMQ on a private redis-server when
 * one is on the PATH; without it both EXRP instances share an in-memory queue (not durable), and the
 * demo says so.
 */
export function withRecordingDecision(
  options: DemoOptions,
  hasRedisServer: boolean,
): { options: DemoOptions; notice?: string } {
  if (options.recordings === false) return { options, notice: 'recording path off (--no-recordings)' };
  if (!hasRedisServer)
    return {
      options: { ...options, recordings: true, recordingQueue: 'memory' },
      notice:
        'recording path on an in-memory queue (no redis-server on the PATH; jobs are not durable, apt-get install redis-server for BullMQ)',
    };
  return { options: { ...options, recordings: true, recordingQueue: 'redis' } };
}

export async function runDemo(
  requested: DemoOptions,
  io: CliIo,
  settings: RunDemoSettings = {},
): Promise<RunningDemo> {
  const decided = withRecordingDecision(requested, settings.hasRedisServer ?? redisServerOnPath());
  const options = decided.options;
  const started: StartedComponent[] = [];
  const ctx: DemoContext = { options, io, urls: {} };
  const timers = new Set<NodeJS.Timeout>();
  let control: ControlServer | undefined;
  let status: StatusPoller | undefined;
  const stop = async (): Promise<void> => {
    status?.stop();
    for (const t of timers) clearTimeout(t);
    await control?.stop();
    for (const c of started.reverse()) await c.stop();
  };
  try {
    if (decided.notice) io.out(decided.notice);
    const backing = demoBacking();
    io.out(`demo on ${backing.describe}`);
    const components = demoComponents(options, backing);
    for (const component of components) component.prepare?.(options);
    for (const component of components) {
      const c = await component.start(ctx);
      started.push(c);
      for (const [name, url] of Object.entries(c.urls ?? {})) {
        ctx.urls[name] = url;
        io.out(`${name.padEnd(28)} ${shownUrl(url)}`);
      }
    }
    const cloud = ctx.urls['cloud'];
    if (!cloud) throw new Error('the demo has no Genesys Cloud emulator');
    const services = started.flatMap((c) => c.services ?? []);
    const operations: DemoOperation[] = [
      ...labOperations(ctx, timers),
      ...started.flatMap((c) => c.operations ?? []),
    ];
    const poller = new StatusPoller(services);
    status = poller;
    control = await startControlServer({
      port: options.freePorts ? 0 : CONTROL_PORT,
      consoleUrl: cloud,
      operations: () => operations,
      status: () => poller.rows(),
    });
    await linkConsole(cloud, services, control.url);
    poller.start(io, 2000, (settings.statusEverySeconds ?? 10) * 1000);
    const consoleUrl = `${cloud}/`;
    io.out(`${'control API'.padEnd(28)} ${control.url}`);
    io.out(`${'console'.padEnd(28)} ${consoleUrl}`);
    io.out(
      `demo running (${started.map((c) => c.name).join(', ')}); open the console at ${consoleUrl}; Ctrl-C stops it`,
    );
    if (options.open) openBrowser(consoleUrl, io);
    return { components: started, consoleUrl, controlUrl: control.url, status: poller, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
