// The lab Config DB as a demo component (src/demo/components.ts): embedded PGlite seeded with the
// demo's agents, served on 5433 (DESIGN §6), and, unless --no-changes, an administrator making a
// change every few seconds through the socket like any other client.
import type { DemoComponent, StartedComponent } from '../../../core/demo-component.ts';
import { openConfigDbUrl } from '../../../engage/configdb/dialect.ts';
import { openLabDatabase, serveEmbedded } from './database.ts';
import { createRng } from './random.ts';
import { setTransactionOption } from './mutatorObjects.ts';
import { makeRandomChange } from './randomChanges.ts';
import { seedLabConfigDb } from './seed.ts';

export interface LabConfigDbComponentOptions {
  port?: number;
  seed?: number;
  /** Seconds between two changes (default 5); the first waits as long as `firstChangeAfterMs`. */
  mutateEverySeconds?: number;
  firstChangeAfterMs?: number;
  /** A real PostgreSQL database instead of PGlite: its lab tables are dropped and re-seeded. */
  databaseUrl?: string;
  /** Options of the hybrid_integration transaction set after seeding, as [section, key, value]. */
  transactionOptions?: [string, string, string][];
}

export function labConfigDbComponent(opts: LabConfigDbComponentOptions = {}): DemoComponent {
  let opening: ReturnType<typeof openLabDatabase> | undefined;
  return {
    name: 'configdb',
    prepare() {
      // PGlite's start (WASM, initdb) is the slowest part of the demo's start-up: overlap it.
      opening ??= openLabDatabase(opts.databaseUrl);
      opening.catch(() => undefined);
    },
    async start(ctx): Promise<StartedComponent> {
      const db = await (opening ?? openLabDatabase(opts.databaseUrl));
      opening = undefined;
      const seeded = await seedLabConfigDb(db.client, {
        agents: ctx.options.agents,
        seed: opts.seed ?? 1,
        cloudUrl: ctx.urls.cloud ?? 'http://127.0.0.1:3600',
        reset: db.kind === 'postgresql',
      });
      for (const [section, key, value] of opts.transactionOptions ?? [])
        await setTransactionOption(db.client, section, key, value);
      const server =
        db.kind === 'pglite'
          ? await serveEmbedded(db.pglite!, { port: opts.port ?? 5433, maxConnections: 8 })
          : { url: opts.databaseUrl!, stop: async () => undefined };
      ctx.io.out(
        `lab Config DB: ${seeded.counts.cfg_person ?? 0} persons on ${db.kind === 'pglite' ? server.url : 'DATABASE_URL (lab tables re-seeded)'}`,
      );
      const mutator = ctx.options.changes ? openConfigDbUrl(server.url, { poolSize: 1 }) : undefined;
      let timer: NodeJS.Timeout | undefined;
      let first: NodeJS.Timeout | undefined;
      if (mutator) {
        const rng = createRng((opts.seed ?? 1) + 1);
        let busy = false;
        const tick = () => {
          if (busy) return;
          busy = true;
          makeRandomChange(mutator.client, rng)
            .then((what) => what && ctx.io.out(`Config DB change: ${what}`))
            .catch((err: unknown) => ctx.io.err(`Config DB change failed: ${(err as Error).message}`))
            .finally(() => {
              busy = false;
            });
        };
        first = setTimeout(() => {
          timer = setInterval(tick, (opts.mutateEverySeconds ?? 5) * 1000);
        }, opts.firstChangeAfterMs ?? 0);
      }
      return {
        name: 'configdb',
        urls: { configdb: server.url },
        async stop() {
          clearTimeout(first);
          clearInterval(timer);
          await mutator?.close();
          await server.stop();
          await db.close();
        },
      };
    },
  };
}
