// The knobs of the mapping rules, from the environment (tenant, suffix, folders) and the hybrid_integration
// transaction (role names, skill level bounds). Parsing is lenient and explained: a bad value is reported
// and the seeds' default is used, so one typo never stops a sync.
import { folderFilterFrom } from '../../../core/config/folder-filter.ts';
import type { RoleClass } from '../desired.ts';
import { parseDeactivationThreshold, type DeactivationThreshold } from '../planner/guard.ts';
import { parseQueueDnTypes } from './queueDnTypes.ts';

export interface RuleOptions {
  tenantName: string;
  queueNameSuffix: string;
  /** Folder names to sync (subfolders included); undefined = folder filtering off. */
  folderFilter?: string[];
  roles: Record<RoleClass, string[]>;
  skillLevelMin?: number;
  skillLevelMax?: number;
  sourceName: string;
  /** The mass-deactivation guard (`mass_deactivation_threshold`): more deactivations wait for a confirmation. */
  deactivationThreshold: DeactivationThreshold;
  /** CfgDNType codes mapped to queues (hybrid_integration queue_dn_types; Virtual Queue by default). */
  queueDnTypes: number[];
}

export const DEFAULT_ROLES: Record<RoleClass, string[]> = {
  nonagent: ['Employee'],
  agent: ['Employee', 'User'],
  supervisor: ['Employee', 'User', 'Supervisor'],
};

export const DEFAULT_SOURCE_NAME = 'EX Engage Connector';

/** The transaction sections where EXCS looks for its options, first hit wins. */
const OPTION_SECTIONS = ['config_sync', 'general'];

function option(tx: Record<string, Record<string, string>>, key: string): string | undefined {
  for (const s of OPTION_SECTIONS) {
    const v = tx[s]?.[key];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
}

function list(v: string): string[] {
  return v
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

export interface EnvKnobs {
  TENANT_NAME?: unknown;
  TENANT_ID?: unknown;
  EXEC_TENANT_ID?: unknown;
  EXCS_GC_QUEUE_NAME_SUFFIX?: unknown;
  EXCS_SYNC_CUSTOMER_OBJECTS_ONLY?: unknown;
  EXCS_SYNC_CUSTOMER_FOLDER_NAME?: unknown;
}

/** Seed 003: TENANT_NAME, else TENANT_ID (else EXEC_TENANT_ID, the tenant EXEC works with), else default_tenant. */
export function tenantNameFrom(env: EnvKnobs): string {
  for (const v of [env.TENANT_NAME, env.TENANT_ID, env.EXEC_TENANT_ID]) {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return 'default_tenant';
}

export function ruleOptions(
  env: EnvKnobs,
  tx: Record<string, Record<string, string>>,
  problems: string[] = [],
): RuleOptions {
  const roles: Record<RoleClass, string[]> = { ...DEFAULT_ROLES };
  for (const [cls, key] of [
    ['nonagent', 'nonagent_role_names'],
    ['agent', 'agent_role_names'],
    ['supervisor', 'supervisor_role_names'],
  ] as const) {
    const v = option(tx, key);
    if (v !== undefined) roles[cls] = list(v);
  }
  const num = (key: string): number | undefined => {
    const v = option(tx, key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      problems.push(`hybrid_integration ${key}: "${v}" is not a number; ignored`);
      return undefined;
    }
    return n;
  };
  const skillLevelMin = num('skill_level_min_value');
  const skillLevelMax = num('skill_level_max_value');
  const folders = folderFilterFrom(env as Record<string, unknown>);
  if (folders !== null && folders.length === 0) {
    problems.push(
      'EXCS_SYNC_CUSTOMER_OBJECTS_ONLY is true but EXCS_SYNC_CUSTOMER_FOLDER_NAME lists no folder',
    );
  }
  return {
    tenantName: tenantNameFrom(env),
    queueNameSuffix:
      typeof env.EXCS_GC_QUEUE_NAME_SUFFIX === 'string' ? env.EXCS_GC_QUEUE_NAME_SUFFIX : '-Engage-external',
    ...(folders !== null ? { folderFilter: folders } : {}),
    roles,
    ...(skillLevelMin !== undefined ? { skillLevelMin } : {}),
    ...(skillLevelMax !== undefined ? { skillLevelMax } : {}),
    sourceName: option(tx, 'source_name') ?? DEFAULT_SOURCE_NAME,
    deactivationThreshold: parseDeactivationThreshold(option(tx, 'mass_deactivation_threshold'), problems),
    queueDnTypes: parseQueueDnTypes(option(tx, 'queue_dn_types'), problems),
  };
}
