// EXAS as a demo component (src/demo/components.ts): on port 3630, against the demo's Stat Server
// simulator, EXCS and Genesys Cloud emulator (found in ctx.urls, else on their default ports), with an
// in-memory store.
import { commonConfig } from '../../core/config/service-config.ts';
import { createLogger } from '../../core/logger.ts';
import type { DemoComponent, StartedComponent } from '../../core/demo-component.ts';
import { MemoryStore, type StateStore } from '../../store/index.ts';
import { startService } from '../runtime.ts';
import { createAgentStateSync } from './service.ts';

function endpoints(pair: string | undefined): {
  primary: { host: string; port: number };
  backup: { host: string; port: number };
} {
  const [p, b] = (pair ?? '127.0.0.1:2060/127.0.0.1:2061').split('/');
  const parse = (hp: string | undefined, dflt: number) => {
    const [host, port] = (hp ?? '').split(':');
    return { host: host || '127.0.0.1', port: Number(port) || dflt };
  };
  return { primary: parse(p, 2060), backup: parse(b, 2061) };
}

export function exasDemoComponent(opts: { port?: number; store?: () => StateStore } = {}): DemoComponent {
  return {
    name: 'exas',
    async start(ctx): Promise<StartedComponent> {
      const cloud = ctx.urls['cloud'] ?? 'http://127.0.0.1:3600';
      // The lab's OAuth client is given directly: EXAS does not need EXCS to serve it the secret.
      const config = commonConfig(
        'exas',
        { EXAS_PORT: opts.port ?? 3630, EXEC_GC_CLIENT_SECRET: 'exec-lab-secret' },
        [],
      );
      const logger = await createLogger({ service: 'exas', settings: { consoleLevel: 'WARN' } });
      const store = opts.store?.() ?? new MemoryStore();
      const running = await startService(
        {
          name: 'exas',
          port: () => opts.port ?? 3630,
          create: async (deps) =>
            createAgentStateSync(deps, {
              ...endpoints(ctx.urls['stat']),
              tenant: 'Resources',
              excsUrl: ctx.urls['excs'] ?? 'http://127.0.0.1:3640',
              gc: { apiUrl: cloud, authUrl: cloud, clientId: 'exec-lab', clientSecret: 'exec-lab-secret' },
            }),
        },
        { config, store, logger, host: '127.0.0.1' },
      );
      return {
        name: 'exas',
        urls: { exas: running.url },
        services: [{ name: 'exas', url: running.url, registry: running.deps.registry }],
        stop: async () => {
          await running.stop();
          if (opts.store) await store.close();
        },
      };
    },
  };
}
