// EXCS composition root: Config DB reader + mapping store + cloud client + sync engine + HTTP routes.
// `createConfigSync(deps, options)` is what tests and the demo use (they may hand in the Config DB
// connection, a cloud client and short intervals); `configSyncModule` is what `run excs` starts.
import type { CloudClient, ResolvedCloud } from '../../cloud/index.ts';
import { folderFilterFrom } from '../../core/config/folder-filter.ts';
import type { CommonConfig } from '../../core/config/service-config.ts';
import { ConfigError, errorMessage } from '../../core/errors.ts';
import {
  checkReadScope,
  configDbSettingsFrom,
  openConfigDb,
  readChangesSince,
  readSnapshot,
  type ConfigDbConnection,
  type EngageSnapshot as DbSnapshot,
} from '../../engage/configdb/index.ts';
import type { ServiceDeps, ServiceInstance, ServiceModule } from '../runtime.ts';
import type { RetryPolicy } from './applier/retries.ts';
import { SyncEngine } from './engine.ts';
import { registerRoutes } from './http/routes.ts';
import { createSyncMetrics } from './metrics.ts';
import type { EnvKnobs } from './rules/options.ts';
import { clearConfirmation, confirmPlan, readConfirmation } from './store/confirmation.ts';
import { MappingStore } from './store/mappingStore.ts';
import { openServiceCloud, serviceCloudSettings } from '../shared/cloud-setup.ts';
import { Lease } from '../../store/lease.ts';
import { keys } from '../../store/keys.ts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { WriterRole } from './writerRole.ts';

export interface ConfigSyncOptions {
  configDb?: ConfigDbConnection;
  /** Builds the cloud client; default: from the transaction and the EXEC_GC_* overrides. */
  cloudFor?: (snapshot: DbSnapshot) => CloudClient;
  pollMs?: number;
  /** Full passes (org listed, drift put back) at least this often. Default 10 minutes. */
  reconcileMs?: number;
  /** Cloud client rate limit (requests per minute per token). */
  rateLimitPerMinute?: number;
  /** How long the writer lease lasts without renewal (default EXCS_LEASE_TTL_MS). */
  leaseTtlMs?: number;
  /** Per-object retries of refused operations (default 5 s doubling to 15 min). */
  retryPolicy?: RetryPolicy;
  /** How long `GET /api/v1/plan` serves a computed plan again (default 15 s). */
  planCacheMs?: number;
}

export interface ConfigSync extends ServiceInstance {
  engine: SyncEngine;
  mapping: MappingStore;
  writer: WriterRole;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

export const DEFAULT_RECONCILE_MS = 10 * 60_000;

/** The `general`/`config_sync` sections of the transaction, overridden by EXEC_GC_*. */
export function cloudSettingsFrom(snapshot: DbSnapshot, config: CommonConfig): ResolvedCloud {
  const tx = snapshot.hybridIntegration?.sections ?? {};
  return serviceCloudSettings(tx.general ?? {}, tx.config_sync ?? {}, config.gc);
}

export async function createConfigSync(
  deps: ServiceDeps,
  options: ConfigSyncOptions = {},
): Promise<ConfigSync> {
  const { config, logger, registry, store } = deps;
  const vars = config.vars;
  const db = options.configDb ?? openConfigDb(configDbSettingsFrom(vars));
  const ownsDb = options.configDb === undefined;
  const lease = new Lease(
    store,
    keys.writerLease(),
    keys.writerToken(),
    `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    options.leaseTtlMs ?? Number(vars.EXCS_LEASE_TTL_MS ?? DEFAULT_LEASE_TTL_MS),
  );
  const mapping = new MappingStore(store, lease);
  const folderFilter = folderFilterFrom(vars);
  // EXEC_TENANT_ID (a DBID or a name) limits every query to that tenant; unset (tests, lab): all tenants.
  const tenant = typeof vars.EXEC_TENANT_ID === 'string' ? vars.EXEC_TENANT_ID : null;
  const readEngage = () => namingConfigDb(readSnapshot(db.client, { folderFilter, tenant }));
  const engine = new SyncEngine({
    readSnapshot: readEngage,
    readChanges: (cursor) => namingConfigDb(readChangesSince(db.client, cursor)),
    cloudFor:
      options.cloudFor ??
      ((snap) =>
        openServiceCloud(
          cloudSettingsFrom(snap, config),
          { logger, registry },
          options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {},
        )),
    mapping,
    confirmations: {
      read: () => readConfirmation(store),
      clear: () => clearConfirmation(store),
    },
    logger,
    metrics: createSyncMetrics(registry),
    env: vars as EnvKnobs,
    pollMs: options.pollMs ?? Number(vars.EXCS_POLL_INTERVAL_MS ?? 5000),
    reconcileMs: options.reconcileMs ?? DEFAULT_RECONCILE_MS,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(options.planCacheMs !== undefined ? { planCacheMs: options.planCacheMs } : {}),
  });
  const writer = new WriterRole(lease, mapping, engine, logger, async () => {
    // A standby serves the transaction's settings too (EXAS and EXCP may ask it): read once.
    engine.snapshot ??= await readEngage();
  });
  return {
    engine,
    mapping,
    writer,
    health: [
      {
        name: 'configDb',
        async check() {
          await db.ping();
          return { ok: true, detail: db.description };
        },
      },
      {
        // A plan held by the mass-deactivation guard: reported, but a restart would not help.
        name: 'massDeactivationGuard',
        critical: false,
        check: () => ({
          ok: engine.status.held === null,
          detail: engine.status.held?.message ?? 'no plan held',
        }),
      },
      {
        name: 'genesysCloud',
        critical: false,
        check: () => {
          const login = engine.loginStatus();
          if (login?.retryAt !== undefined)
            return {
              ok: false,
              detail: `login backing off: ${login.failures} failed login(s) in a row (last: ${login.lastError ?? '?'}), next attempt in ${Math.ceil((login.retryAt - Date.now()) / 1000)} s`,
            };
          return {
            ok: engine.status.syncStatus.status !== 'Failed',
            detail: engine.status.lastError ?? engine.status.syncStatus.status,
          };
        },
      },
      {
        // Both roles are healthy: a standby serves the mappings and is ready to take over.
        name: 'writerLease',
        critical: false,
        check: () => {
          const v = writer.view();
          return {
            ok: true,
            detail:
              v.role === 'writer'
                ? `writer (fencing token ${v.leaseToken})`
                : `standby (the writer is ${v.leaseHolder ?? 'nobody yet'})`,
          };
        },
      },
    ],
    routes: (app) =>
      registerRoutes(app, {
        engine,
        mapping,
        role: () => writer.view(),
        confirm: (planId) => confirmPlan(store, planId),
        servesSecrets: config.apiToken !== undefined,
        ...(config.orgId ? { orgId: config.orgId } : {}),
      }),
    async start() {
      await mapping.load();
      await checkScopeAtStart(db, { folderFilter, tenant }, logger);
      logger.info({ configDb: db.description, instance: lease.holder }, 'excs: starting');
      await writer.start();
    },
    async stop() {
      await writer.stop();
      await engine.stop();
      if (ownsDb) await db.close();
    },
  };
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
]);

/** A Config DB that cannot be reached is named as such in /status and the log (issue 16 item 5). */
async function namingConfigDb<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const lost =
      (e.code !== undefined && CONNECTION_CODES.has(e.code)) ||
      /Connection terminated|connect|timeout/i.test(e.message ?? '');
    if (!lost) throw err;
    throw new Error(`Config DB is down: ${e.message ?? String(err)}`, { cause: err });
  }
}

/**
 * An unknown tenant or a folder name that matches no folder stops EXCS at start, naming it (a typo
 * must not empty the org). A Config DB that cannot be reached yet is left to the engine's retries.
 */
async function checkScopeAtStart(
  db: ConfigDbConnection,
  options: { folderFilter: string[] | null; tenant: string | null },
  logger: ServiceDeps['logger'],
): Promise<void> {
  try {
    await checkReadScope(db.client, options);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    logger.warn({ err: errorMessage(err) }, 'excs: cannot check the tenant and folder filter yet');
  }
}

export const configSyncModule: ServiceModule = {
  name: 'excs',
  port: (config) => Number(config.vars.EXCS_PORT ?? 3640),
  host: (config) => String(config.vars.EXCS_BIND_ADDRESS ?? '0.0.0.0'),
  create: (deps) => createConfigSync(deps),
};
