// EXCS as a demo component (src/demo/components.ts): syncs the lab Config DB (`urls.configdb`) into the
// cloud emulator (`urls.cloud`) on port 3640 with an in-memory store, printing a progress bar for the
// initial sync and one line per later pass that changed something.
import type { DemoComponent, StartedComponent } from '../../core/demo-component.ts';
import { commonConfig } from '../../core/config/service-config.ts';
import { silentLogger } from '../../core/logger.ts';
import { openConfigDbUrl } from '../../engage/configdb/index.ts';
import { MemoryStore } from '../../store/memory.ts';
import type { StateStore } from '../../store/types.ts';
import { startService } from '../runtime.ts';
import { createConfigSync, type ConfigSync } from './service.ts';

export function progressBar(done: number, total: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% (${done}/${total})`;
}

export function configSyncDemoComponent(
  opts: { port?: number; pollMs?: number; rateLimitPerMinute?: number; store?: () => StateStore } = {},
): DemoComponent {
  return {
    name: 'excs',
    async start(ctx): Promise<StartedComponent> {
      const dbUrl = ctx.urls.configdb;
      if (!dbUrl) throw new Error('excs needs the lab Config DB (urls.configdb) started before it');
      const vars: Record<string, unknown> = {
        TENANT_NAME: 'demo',
        // The lab org has no real id; a fixed one keeps /status in the seed's wording.
        EXEC_ORG_ID: '00000000-0000-4000-8000-00000000e0c0',
        EXCS_GC_QUEUE_NAME_SUFFIX: '-Engage-external',
      };
      if (ctx.urls.cloud)
        Object.assign(vars, { EXEC_GC_API_URL: ctx.urls.cloud, EXEC_GC_AUTH_URL: ctx.urls.cloud });
      let sync: ConfigSync | undefined;
      const store = opts.store?.() ?? new MemoryStore();
      const running = await startService(
        {
          name: 'excs',
          port: () => opts.port ?? 3640,
          create: async (deps) =>
            (sync = await createConfigSync(deps, {
              configDb: openConfigDbUrl(dbUrl, { poolSize: 1 }),
              pollMs: opts.pollMs ?? 2000,
              ...(opts.rateLimitPerMinute ? { rateLimitPerMinute: opts.rateLimitPerMinute } : {}),
            })),
        },
        {
          config: commonConfig('excs', vars, []),
          store,
          logger: silentLogger(),
          host: '127.0.0.1',
        },
      );
      const engine = (sync as ConfigSync).engine;
      let lastShown = -1;
      let initialDone = false;
      let lastPass: unknown = null;
      const timer = setInterval(() => {
        const s = engine.status;
        if (!initialDone) {
          const pct = s.progress.total ? Math.floor((10 * s.progress.done) / s.progress.total) : 0;
          if (pct !== lastShown && s.progress.total > 0) {
            lastShown = pct;
            ctx.io.out(`EXCS initial sync ${progressBar(s.progress.done, s.progress.total)}`);
          }
          if (s.initialSyncDone) {
            initialDone = true;
            lastPass = s.lastPass;
            ctx.io.out(
              `EXCS initial sync done: ${s.counts.users} users, ${s.counts.queues} queues, ${s.counts.skills} skills, ` +
                `${s.counts.wrapupcodes} wrap-up codes; ${s.skipped.length} object(s) skipped (see ${running.url}/status)`,
            );
          }
          if (s.syncStatus.status === 'Failed') ctx.io.err(`EXCS sync failed: ${s.lastError ?? 'unknown'}`);
          return;
        }
        if (s.lastPass !== lastPass && s.lastPass && s.lastPass.operations > 0) {
          ctx.io.out(
            `EXCS ${s.lastPass.kind} pass: ${s.lastPass.operations} operation(s) applied in ${s.lastPass.durationMs} ms`,
          );
        }
        lastPass = s.lastPass;
      }, 250);
      return {
        name: 'excs',
        urls: { excs: running.url },
        services: [{ name: 'excs', url: running.url, registry: running.deps.registry }],
        async stop() {
          clearInterval(timer);
          await running.stop();
          if (opts.store) await store.close();
        },
      };
    },
  };
}
