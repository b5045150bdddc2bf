// `exec-connector lab engage configdb`: creates the lab Config DB schema when absent and fills it
// with the seeded contact center; on a real PostgreSQL (--database-url) it seeds and exits (or keeps
// making changes with --mutate-every), without one it serves an embedded PGlite on --port until Ctrl-C.
import { InvalidArgumentError, type Command } from 'commander';
import { UserError } from '../../core/errors.ts';
import {
  AlreadySeededError,
  createRng,
  DEFAULT_SEED_OPTIONS,
  makeRandomChange,
  openLabDatabase,
  seedLabConfigDb,
  serveEmbedded,
  type LabDatabase,
} from '../../lab/engage/configdb/index.ts';
import { openConfigDbUrl, type ConfigDbClient } from '../../engage/configdb/index.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} "${v}" is not an integer`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} ${n} is not within ${min}-${max}`);
    return n;
  };
}

function urlOption(protocols: string[]) {
  return (v: string): string => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw new InvalidArgumentError(`"${v}" is not a URL`);
    }
    if (!protocols.includes(u.protocol)) {
      throw new InvalidArgumentError(`"${v}" is not a ${protocols.join(' or ')} URL`);
    }
    return v;
  };
}

interface Options {
  agents: number;
  seed: number;
  databaseUrl?: string;
  cloudUrl: string;
  port: number;
  reset?: boolean;
  nameClashes?: boolean;
  badData?: boolean;
  secondTenant?: boolean;
  mutateEvery?: number;
}

export function registerLabConfigDb(engage: Command, ctx: CommandContext): Command {
  return engage
    .command('configdb')
    .description('create and fill the lab Config DB (embedded on --port unless --database-url)')
    .requiredOption('--agents <n>', 'number of agents', intOption('--agents', 1, 100_000))
    .option('--seed <s>', 'seed of the generated contact center', intOption('--seed', 0, 2 ** 31 - 1), 1)
    .option(
      '--database-url <url>',
      'a PostgreSQL server to fill instead of the embedded one',
      urlOption(['postgres:', 'postgresql:']),
    )
    .option(
      '--cloud-url <url>',
      'Genesys Cloud (emulator) URL for hybrid_integration',
      urlOption(['http:', 'https:']),
      DEFAULT_SEED_OPTIONS.cloudUrl,
    )
    .option('--port <port>', 'port of the embedded Config DB', intOption('--port', 0, 65535), 5433)
    .option('--reset', 'drop the lab tables first (when the database already holds data)')
    .option('--name-clashes', 'add case-insensitive name clashes (persons, skills, DNs, BA values)')
    .option('--bad-data', 'add dangling links and annex values of the wrong shape or type')
    .option('--second-tenant', 'add a second tenant (Tenant_B, DBID 2) with its own objects and transaction')
    .option(
      '--mutate-every <seconds>',
      'make an administrator change every N seconds until Ctrl-C',
      intOption('--mutate-every', 1, 3600),
    )
    .action(async (o: Options) => {
      const db = await openLabDatabase(o.databaseUrl).catch((err: unknown) => {
        throw new UserError(
          `cannot open the Config DB at ${redactUrl(o.databaseUrl)}: ${(err as Error).message}`,
        );
      });
      try {
        await seed(db, o, ctx);
        const server = db.pglite
          ? await serveEmbedded(db.pglite, { port: o.port, maxConnections: 8 })
          : undefined;
        if (server) ctx.io.out(`lab Config DB on ${server.url} (Ctrl-C stops it)`);
        if (!server && o.mutateEvery === undefined) return;
        // Against the embedded DB the mutator goes through the socket like any other client, so that
        // pglite-socket keeps its changes out of the other clients' open transactions.
        const viaSocket =
          server && o.mutateEvery !== undefined ? openConfigDbUrl(server.url, { poolSize: 1 }) : undefined;
        const timer =
          o.mutateEvery === undefined ? undefined : startMutating(viaSocket?.client ?? db.client, o, ctx);
        await untilSignal();
        if (timer) clearInterval(timer);
        await viaSocket?.close();
        await server?.stop();
      } finally {
        await db.close();
      }
    });
}

async function seed(db: LabDatabase, o: Options, ctx: CommandContext): Promise<void> {
  try {
    const started = Date.now();
    const result = await seedLabConfigDb(db.client, {
      agents: o.agents,
      seed: o.seed,
      cloudUrl: o.cloudUrl,
      nameClashes: o.nameClashes === true,
      badData: o.badData === true,
      secondTenant: o.secondTenant === true,
      reset: o.reset === true,
    });
    const c = result.counts;
    ctx.io.out(
      `lab Config DB (${db.kind}, schema ${result.schema}) seeded in ${Date.now() - started} ms: ` +
        `${c.cfg_person ?? 0} persons, ${c.cfg_skill ?? 0} skills, ${c.cfg_dn ?? 0} DNs, ` +
        `${c.cfg_group ?? 0} agent groups, ${c.cfg_enumerator_value ?? 0} business attribute values`,
    );
  } catch (err) {
    if (err instanceof AlreadySeededError) throw new UserError(err.message);
    throw err;
  }
}

function startMutating(client: ConfigDbClient, o: Options, ctx: CommandContext): NodeJS.Timeout {
  const rng = createRng(o.seed + 1);
  let busy = false;
  return setInterval(
    () => {
      if (busy) return;
      busy = true;
      makeRandomChange(client, rng)
        .then((what) => what && ctx.io.out(`change: ${what}`))
        .catch((err: unknown) => ctx.io.err(`change failed: ${(err as Error).message}`))
        .finally(() => {
          busy = false;
        });
    },
    (o.mutateEvery ?? 1) * 1000,
  );
}

function redactUrl(url: string | undefined): string {
  if (!url) return 'the embedded database';
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the given URL';
  }
}
