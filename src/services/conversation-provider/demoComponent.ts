// The EXCP pair as a demo component (src/demo/components.ts): two instances on 3650 and 3651 sharing one
// store (in memory, the demo's stand-in for Redis, or the demo's Redis when it has one), fed by the demo's
// SIP Server simulator, with the directory from the demo's EXCS, injecting into the Genesys Cloud
// emulator. The operator panel can kill either instance and start it again: the other one carries on.
import { commonConfig } from '../../core/config/service-config.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import type {
  DemoComponent,
  DemoContext,
  DemoOperation,
  StartedComponent,
} from '../../core/demo-component.ts';
import { MemoryStore, type StateStore } from '../../store/index.ts';
import { startService, type RunningService } from '../runtime.ts';
import type { RecordingOptions } from './recording/index.ts';
import { createConversationProvider } from './service.ts';

/** Recording injection in the demo: EXRP through `ctx.urls.exrpLb` (the demo's load balancer). */
export type ExcpDemoRecording = Omit<RecordingOptions, 'exrpUrl' | 'send'>;

interface Instance {
  name: string;
  port: number;
  running: RunningService | undefined;
}

function startInstance(
  ctx: DemoContext,
  i: number,
  port: number,
  deps: { store: StateStore; logger: Logger; recording?: ExcpDemoRecording | undefined },
): Promise<RunningService> {
  const exrpLb = ctx.urls['exrpLb'];
  const cloud = ctx.urls['cloud'] ?? 'http://127.0.0.1:3600';
  const sip = ctx.urls['sip'] ?? '127.0.0.1:8000/127.0.0.1:8001';
  return startService(
    {
      name: 'excp',
      port: () => port,
      create: async (d) =>
        createConversationProvider(d, {
          servers: { vq: sip, agent: sip, call: sip },
          excsUrl: ctx.urls['excs'] ?? 'http://127.0.0.1:3640',
          gc: { apiUrl: cloud, authUrl: cloud, clientId: 'exec-lab', clientSecret: 'exec-lab-secret' },
          instanceId: `excp-${i + 1}`,
          ...(deps.recording && exrpLb ? { recording: { ...deps.recording, exrpUrl: exrpLb } } : {}),
        }),
    },
    { config: commonConfig('excp', {}, []), store: deps.store, logger: deps.logger, host: '127.0.0.1', port },
  );
}

function instanceOperations(
  ctx: DemoContext,
  instances: Instance[],
  deps: Parameters<typeof startInstance>[3],
): DemoOperation[] {
  return instances.flatMap((inst, i): DemoOperation[] => [
    {
      id: `kill-${inst.name}`,
      label: `Kill ${inst.name.toUpperCase()}`,
      group: 'Conversation provider (EXCP pair)',
      async run() {
        const r = inst.running;
        if (!r) throw new Error(`${inst.name} is not running`);
        inst.running = undefined;
        await r.stop();
        ctx.io.out(`${inst.name} killed from the operator panel; the other instance carries on`);
        return `${inst.name} stopped`;
      },
    },
    {
      id: `start-${inst.name}`,
      label: `Start ${inst.name.toUpperCase()}`,
      group: 'Conversation provider (EXCP pair)',
      async run() {
        if (inst.running) throw new Error(`${inst.name} is already running`);
        inst.running = await startInstance(ctx, i, inst.port, deps);
        ctx.io.out(`${inst.name} started again on ${inst.running.url}`);
        return `${inst.name} running on ${inst.running.url}`;
      },
    },
  ]);
}

export function excpDemoComponent(
  opts: {
    ports?: [number, number];
    store?: () => StateStore;
    /** Recording injection, when the demo runs EXRP behind its load balancer (`ctx.urls.exrpLb`). */
    recording?: ExcpDemoRecording;
  } = {},
): DemoComponent {
  return {
    name: 'excp',
    async start(ctx): Promise<StartedComponent> {
      const ports = opts.ports ?? [3650, 3651];
      const store = opts.store?.() ?? new MemoryStore();
      const logger = await createLogger({ service: 'excp', settings: { consoleLevel: 'ERROR' } });
      const deps = { store, logger, recording: opts.recording };
      const instances: Instance[] = [];
      for (const [i, port] of ports.entries()) {
        const running = await startInstance(ctx, i, port, deps);
        // Port 0 (free ports): a restart must come back where the console looks for it.
        instances.push({ name: `excp-${i + 1}`, port: Number(new URL(running.url).port), running });
      }
      ctx.io.out(`EXCP pair: ${instances.map((x) => x.running?.url).join(', ')}`);
      const urlOf = (x: Instance | undefined) => (x ? `http://127.0.0.1:${x.port}` : '');
      return {
        name: 'excp',
        urls: { excp: urlOf(instances[0]), excp2: urlOf(instances[1]) },
        services: instances.map((x) => ({
          name: x.name,
          url: urlOf(x),
          get registry() {
            return x.running?.deps.registry;
          },
          running: () => x.running !== undefined,
        })),
        operations: instanceOperations(ctx, instances, deps),
        stop: async () => {
          for (const x of [...instances].reverse()) await x.running?.stop();
          if (opts.store) await store.close();
        },
      };
    },
  };
}
