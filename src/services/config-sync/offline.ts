// What `plan` and `preflight` run outside the service: the Config DB (EXCS_CONFIG_DB_* or a URL), the
// mapping store (Redis from EXEC_REDIS_*, or none), the cloud client from the transaction. One-shot.
import { createCloudClient } from '../../cloud/index.ts';
import { folderFilterFrom } from '../../core/config/folder-filter.ts';
import { formatProblem, loadEnv } from '../../core/config/load.ts';
import { commonConfig, type CommonConfig } from '../../core/config/service-config.ts';
import { validateService } from '../../core/config/validate.ts';
import { ConfigError, UserError } from '../../core/errors.ts';
import {
  configDbSettingsFrom,
  openConfigDb,
  openConfigDbUrl,
  readSnapshot,
  type ConfigDbConnection,
  type EngageSnapshot as DbSnapshot,
} from '../../engage/configdb/index.ts';
import { createStore, type StateStore } from '../../store/index.ts';
import { readOrg } from './applier/readOrg.ts';
import { guardVerdict, mappedUserCount, type HeldPlan } from './planner/guard.ts';
import { buildPlan } from './planner/plan.ts';
import type { Plan } from './planner/types.ts';
import { formatFindings, preflight, type Finding } from './preflight/findings.ts';
import { buildDesired } from './rules/buildDesired.ts';
import { ruleOptions, type EnvKnobs } from './rules/options.ts';
import { cloudSettingsFrom } from './service.ts';
import { fromConfigDb } from './snapshot.ts';
import { confirmPlan } from './store/confirmation.ts';
import { MappingStore } from './store/mappingStore.ts';

export interface OfflineOptions {
  envFile?: string;
  /** A PostgreSQL URL instead of EXCS_CONFIG_DB_* (the lab). */
  databaseUrl?: string;
  /** Plan as if the mapping store were empty (no Redis needed). */
  noStore?: boolean;
  /** Confirm the plan past the mass-deactivation guard (written to the store, where EXCS looks). */
  confirm?: boolean;
  env?: NodeJS.ProcessEnv;
}

interface Offline {
  config: CommonConfig;
  db: ConfigDbConnection;
  store?: StateStore;
  close(): Promise<void>;
}

function open(o: OfflineOptions, needStore: boolean): Offline {
  const loaded = loadEnv({ env: o.env ?? process.env, envFile: o.envFile });
  const v = validateService('excs', loaded.values);
  const relevant = (name: string): boolean =>
    (!o.databaseUrl && name.startsWith('EXCS_CONFIG_DB_')) ||
    (needStore && name.startsWith('EXEC_REDIS_')) ||
    name.startsWith('EXEC_GC_') ||
    name.startsWith('EXCS_SYNC_') ||
    name.startsWith('SYNC_CUSTOMER_') ||
    name === 'EXCS_GC_QUEUE_NAME_SUFFIX';
  const problems = [...loaded.problems, ...v.problems].filter((p) => relevant(p.variable));
  if (problems.length) throw new ConfigError('excs settings are not valid', problems.map(formatProblem));
  const config = commonConfig('excs', v.parsed, loaded.secrets);
  const db = o.databaseUrl ? openConfigDbUrl(o.databaseUrl) : openConfigDb(configDbSettingsFrom(v.parsed));
  const store = needStore ? createStore(config.redis) : undefined;
  return {
    config,
    db,
    ...(store ? { store } : {}),
    async close() {
      await db.close();
      await store?.close();
    },
  };
}

async function snapshotOf(off: Offline, unmatchedFolders: 'throw' | 'report'): Promise<DbSnapshot> {
  const vars = off.config.vars;
  return readSnapshot(off.db.client, {
    folderFilter: folderFilterFrom(vars),
    tenant: typeof vars.EXEC_TENANT_ID === 'string' ? vars.EXEC_TENANT_ID : null,
    unmatchedFolders,
  });
}

export async function offlinePreflight(o: OfflineOptions): Promise<{ findings: Finding[]; text: string[] }> {
  const off = open(o, false);
  try {
    const raw = await snapshotOf(off, 'report');
    const opts = ruleOptions(off.config.vars as EnvKnobs, raw.hybridIntegration?.sections ?? {});
    const findings = preflight(fromConfigDb(raw), opts, raw.findings);
    return { findings, text: formatFindings(findings) };
  } finally {
    await off.close();
  }
}

export interface OfflinePlan {
  plan: Plan;
  /** Set when the guard holds this plan: the id an operator confirms. */
  held?: HeldPlan;
  /** The plan id confirmed by this run (`confirm`). */
  confirmed?: string;
}

export async function offlinePlan(o: OfflineOptions): Promise<OfflinePlan> {
  if (o.confirm && o.noStore) throw new UserError('plan --confirm needs the mapping store: drop --no-store');
  const off = open(o, !o.noStore);
  try {
    const raw = await snapshotOf(off, 'throw');
    const opts = ruleOptions(off.config.vars as EnvKnobs, raw.hybridIntegration?.sections ?? {});
    const { desired } = buildDesired(fromConfigDb(raw), opts);
    const mapping = new MappingStore(off.store ?? createStore('memory'));
    await mapping.load();
    const cloud = createCloudClient(cloudSettingsFrom(raw, off.config));
    try {
      const mapped = new Set([...mapping.queues.values()].map((q) => q.cloudId));
      const names = new Set(desired.queues.map((q) => q.name.toLowerCase()));
      const { org } = await readOrg(cloud, (q) => mapped.has(q.id) || names.has(q.name.toLowerCase()));
      const plan = buildPlan(desired, mapping.state(), org, opts.roles);
      const verdict = guardVerdict(
        plan,
        mappedUserCount(mapping.users),
        opts.deactivationThreshold,
        undefined,
      );
      if (verdict.apply) return { plan };
      if (o.confirm && off.store) {
        await confirmPlan(off.store, verdict.held.planId);
        return { plan, held: verdict.held, confirmed: verdict.held.planId };
      }
      return { plan, held: verdict.held };
    } finally {
      await cloud.close();
    }
  } finally {
    await off.close();
  }
}
