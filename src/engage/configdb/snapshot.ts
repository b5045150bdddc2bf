// One consistent read of everything config sync needs: a single REPEATABLE READ READ ONLY
// transaction, so a pass never mixes states from before and after an administrator's change.
// With folder filtering on, the scope folders are resolved first and every filtered query reads only
// objects inside them (never the whole table and a filter in memory).
import { CfgObjectType } from './enums.ts';
import { buildAnnexes, objectsIn, readFlexProps } from './annex.ts';
import {
  assembleAgentGroups,
  assembleBusinessAttributes,
  assembleDns,
  assemblePersons,
  assemblePlaces,
  assembleSkills,
  nameFindings,
  stateOf,
  type AssembleContext,
} from './assemble.ts';
import { readAgentGroupManagers, readAgentGroupMembers, readAgentGroups } from './agentGroups.ts';
import { readBusinessAttributeValues, readBusinessAttributes } from './businessAttributes.ts';
import type { ConfigDbClient, QueryClient } from './client.ts';
import { readDns } from './dns.ts';
import { folderScope, readFolderMembership, readFolders } from './folders.ts';
import { lastModifiedKey, readHistoryCursor, readLastModified } from './history.ts';
import type { Annex, ConfigDbFinding, EngageFolder, EngageSnapshot } from './model.ts';
import { readAgentLogins, readPersons, readSkillLevels } from './persons.ts';
import { readPlaceDns, readPlaces } from './places.ts';
import { readSkills } from './skills.ts';
import { readSwitches } from './switches.ts';
import { pickTenant, readTenants, type TenantRow } from './tenants.ts';
import { readHybridIntegration } from './transaction.ts';
import { T } from './tables.ts';
import type { ReadScope } from './sql.ts';
import { ConfigError } from '../../core/errors.ts';

export interface ReadSnapshotOptions {
  /**
   * SYNC_CUSTOMER_FOLDER_NAME when SYNC_CUSTOMER_OBJECTS_ONLY is true (parsed by
   * core/config/folder-filter.ts): folder names (exact), found at any depth, subfolders included.
   * Undefined or null: no filtering. An empty list, or a name that matches no folder, is refused.
   */
  folderFilter?: readonly string[] | null;
  /** 'report' (preflight): an unmatched folder name becomes an `unmatched-folder` finding instead. */
  unmatchedFolders?: 'throw' | 'report';
  /** EXEC_TENANT_ID: the tenant's DBID or name. Every query reads that tenant only. Undefined: all. */
  tenant?: string | null;
}

const FILTERED = [
  CfgObjectType.Person,
  CfgObjectType.Skill,
  CfgObjectType.DN,
  CfgObjectType.AgentGroup,
] as const;

export async function readSnapshot(
  client: ConfigDbClient,
  options: ReadSnapshotOptions = {},
): Promise<EngageSnapshot> {
  const folderFilter = folderFilterOf(options);
  return client.transaction('read-only-snapshot', (tx) => readInTransaction(tx, folderFilter, options));
}

async function readInTransaction(
  tx: QueryClient,
  folderFilter: string[] | null,
  options: ReadSnapshotOptions,
): Promise<EngageSnapshot> {
  const findings: ConfigDbFinding[] = [];
  const { rows: nowRows } = await tx.query<{ t: string }>(tx.dialect.nowUtc);
  const cursor = await readHistoryCursor(tx);
  const { allTenants, tenant, folders, scope } = await resolveScope(tx, folderFilter, options, findings);
  const tenantDbid = scope.tenantDbid;
  // Queries run one after another: a transaction holds one connection, which serialises anyway.
  const switches = await readSwitches(tx, tenantDbid);
  const personRows = await readPersons(tx, scope);
  const levelRows = await readSkillLevels(tx, scope);
  const loginRows = await readAgentLogins(tx, scope);
  const skillRows = await readSkills(tx, scope);
  const dnRows = await readDns(tx, scope);
  const groupRows = await readAgentGroups(tx, scope);
  const memberRows = await readAgentGroupMembers(tx, scope);
  const managerRows = await readAgentGroupManagers(tx, scope);
  const attrRows = await readBusinessAttributes(tx, tenantDbid);
  const valueRows = await readBusinessAttributeValues(tx, tenantDbid);
  const placeDbids =
    scope.folders === null
      ? null
      : [
          ...new Set([
            ...personRows.flatMap((p) => (p.place_dbid ? [p.place_dbid] : [])),
            ...dnRows.flatMap((d) => (d.place_dbid ? [d.place_dbid] : [])),
          ]),
        ];
  const placeRows = await readPlaces(tx, tenantDbid, placeDbids);
  const placeDnRows = await readPlaceDns(tx, tenantDbid, placeDbids);

  const membership = new Map<number, ReadonlyMap<number, number>>();
  for (const t of FILTERED) membership.set(t, await readFolderMembership(tx, t, scope));
  // Places are not filtered by folder (the seeds name four units): their placement is read whole.
  membership.set(
    CfgObjectType.Place,
    await readFolderMembership(tx, CfgObjectType.Place, { tenantDbid, folders: null }),
  );
  const annexRows = new Map<number, Map<number, Annex>>();
  const annexOf = async (t: number, objects: string | null) => {
    annexRows.set(t, buildAnnexes(await readFlexProps(tx, t, objects), findings));
  };
  const tenantOnly: ReadScope = { tenantDbid, folders: null };
  await annexOf(CfgObjectType.Person, objectsIn(T.person, CfgObjectType.Person, scope));
  await annexOf(CfgObjectType.DN, objectsIn(T.dn, CfgObjectType.DN, scope));
  await annexOf(CfgObjectType.AgentGroup, objectsIn(T.group, CfgObjectType.AgentGroup, scope));
  await annexOf(CfgObjectType.Enumerator, objectsIn(T.enumerator, CfgObjectType.Enumerator, tenantOnly));
  await annexOf(
    CfgObjectType.EnumeratorValue,
    objectsIn(T.enumeratorValue, CfgObjectType.EnumeratorValue, tenantOnly),
  );
  const lastModified = await readLastModified(tx, [
    ...FILTERED,
    CfgObjectType.Place,
    CfgObjectType.Switch,
    CfgObjectType.Enumerator,
    CfgObjectType.EnumeratorValue,
    CfgObjectType.Transaction,
  ]);
  const transactions = await readHybridIntegration(tx, findings, tenantDbid);

  const ctx: AssembleContext = {
    folders: new Map(folders.map((f) => [f.dbid, f])),
    membership: (t) => membership.get(t) ?? new Map(),
    annexes: (t) => annexRows.get(t) ?? new Map(),
    lastModified,
    findings,
  };
  const first = transactions[0];
  const tenants = tenant === null ? allTenants : [tenant];
  const snapshot: EngageSnapshot = {
    readAt: nowRows[0]?.t ?? new Date().toISOString(),
    cursor,
    scope: { folderFilter },
    tenants: tenants.map((t) => ({ dbid: t.dbid, name: t.name, state: stateOf(t.state) })),
    switches: switches.map((s) => ({
      dbid: s.dbid,
      tenantDbid: s.tenant_dbid,
      name: s.name,
      type: s.type,
      state: stateOf(s.state),
      lastModified: lastModified.get(lastModifiedKey(CfgObjectType.Switch, s.dbid)) ?? null,
    })),
    folders,
    persons: assemblePersons(ctx, personRows, levelRows, loginRows),
    skills: assembleSkills(ctx, skillRows),
    dns: assembleDns(ctx, dnRows),
    places: assemblePlaces(ctx, placeRows, placeDnRows),
    agentGroups: assembleAgentGroups(ctx, groupRows, memberRows, managerRows),
    businessAttributes: assembleBusinessAttributes(ctx, attrRows, valueRows),
    hybridIntegration: first
      ? {
          ...first,
          lastModified: lastModified.get(lastModifiedKey(CfgObjectType.Transaction, first.dbid)) ?? null,
        }
      : null,
    findings,
  };
  nameFindings(snapshot);
  return snapshot;
}

interface ResolvedScope {
  allTenants: TenantRow[];
  tenant: TenantRow | null;
  folders: EngageFolder[];
  scope: ReadScope;
}

async function resolveScope(
  tx: QueryClient,
  folderFilter: string[] | null,
  options: ReadSnapshotOptions,
  findings: ConfigDbFinding[],
): Promise<ResolvedScope> {
  const allTenants = await readTenants(tx);
  const tenant = options.tenant ? pickTenant(allTenants, options.tenant) : null;
  const tenantDbid = tenant?.dbid ?? null;
  const folders = await readFolders(tx, tenantDbid);
  const scope: ReadScope = {
    tenantDbid,
    folders: folderFilter === null ? null : scopeFolders(folders, folderFilter, tenant, options, findings),
  };
  return { allTenants, tenant, folders, scope };
}

/**
 * The start-up check of EXCS: the tenant of EXEC_TENANT_ID exists and every folder of the filter
 * matches one. Throws the ConfigError readSnapshot would, without reading any object.
 */
export async function checkReadScope(client: ConfigDbClient, options: ReadSnapshotOptions): Promise<void> {
  const folderFilter = folderFilterOf(options);
  await client.transaction('read-only-snapshot', (tx) =>
    resolveScope(tx, folderFilter, { ...options, unmatchedFolders: 'throw' }, []),
  );
}

function folderFilterOf(options: ReadSnapshotOptions): string[] | null {
  const folderFilter = options.folderFilter ? [...options.folderFilter] : null;
  if (folderFilter !== null && folderFilter.length === 0) {
    throw new ConfigError('Folder filter lists no folder', [
      'EXCS_SYNC_CUSTOMER_FOLDER_NAME: lists no folder name but EXCS_SYNC_CUSTOMER_OBJECTS_ONLY is true',
    ]);
  }
  return folderFilter;
}

/** The scope folders; an unmatched name is thrown (a sync) or reported (preflight), never ignored. */
function scopeFolders(
  folders: readonly EngageFolder[],
  names: readonly string[],
  tenant: TenantRow | null,
  options: ReadSnapshotOptions,
  findings: ConfigDbFinding[],
): number[] {
  const { dbids, unmatched } = folderScope(folders, names);
  const where = tenant === null ? 'in the Config DB' : `in tenant "${tenant.name}" (DBID ${tenant.dbid})`;
  const messages = unmatched.map(
    (n) =>
      `EXCS_SYNC_CUSTOMER_FOLDER_NAME: folder ${JSON.stringify(n)} matches no folder ${where} (names are exact and case-sensitive)`,
  );
  if (messages.length > 0 && options.unmatchedFolders !== 'report') {
    throw new ConfigError('Folder filter names an unknown folder', messages);
  }
  for (const [i, n] of unmatched.entries()) {
    findings.push({
      code: 'unmatched-folder',
      objectType: 'Folder',
      dbid: 0,
      name: n,
      message: messages[i] ?? n,
    });
  }
  return dbids;
}
