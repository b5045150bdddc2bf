// The EXCP pair as a demo component (src/demo/components.ts): two instances on 3650 and 3651 sharing one
// in-memory store (the demo's stand-in for Redis), fed by the demo's SIP Server simulator, with the
// directory from the demo's EXCS, injecting into the Genesys Cloud emulator.
import { commonConfig } from '../../core/config/service-config.ts';
import { createLogger } from '../../core/logger.ts';
import type { DemoComponent, StartedComponent } from '../../demo/components.ts';
import { MemoryStore } from '../../store/index.ts';
import { startService, type RunningService } from '../runtime.ts';
import { createConversationProvider } from './service.ts';

export function excpDemoComponent(opts: { ports?: [number, number] } = {}): DemoComponent {
  return {
    name: 'excp',
    async start(ctx): Promise<StartedComponent> {
      const cloud = ctx.urls['cloud'] ?? 'http://127.0.0.1:3600';
      const sip = ctx.urls['sip'] ?? '127.0.0.1:8000/127.0.0.1:8001';
      const ports = opts.ports ?? [3650, 3651];
      const store = new MemoryStore();
      const logger = await createLogger({ service: 'excp', settings: { consoleLevel: 'WARN' } });
      const running: RunningService[] = [];
      for (const [i, port] of ports.entries()) {
        running.push(
          await startService(
            {
              name: 'excp',
              port: () => port,
              create: async (deps) =>
                createConversationProvider(deps, {
                  servers: { vq: sip, agent: sip, call: sip },
                  excsUrl: ctx.urls['excs'] ?? 'http://127.0.0.1:3640',
                  gc: {
                    apiUrl: cloud,
                    authUrl: cloud,
                    clientId: 'exec-lab',
                    clientSecret: 'exec-lab-secret',
                  },
                  instanceId: `excp-${i + 1}`,
                }),
            },
            { config: commonConfig('excp', {}, []), store, logger, host: '127.0.0.1', port },
          ),
        );
      }
      ctx.io.out(`EXCP pair: ${running.map((r) => r.url).join(', ')}`);
      return {
        name: 'excp',
        urls: { excp: running[0]?.url ?? '', excp2: running[1]?.url ?? '' },
        stop: async () => {
          for (const r of running.reverse()) await r.stop();
        },
      };
    },
  };
}
