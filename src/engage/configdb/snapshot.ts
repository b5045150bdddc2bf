// One consistent read of everything config sync needs: a single REPEATABLE READ READ ONLY
// transaction, so a pass never mixes states from before and after an administrator's change.
// With folder filtering on, the scope folders are resolved first and every filtered query reads only
// objects inside them (never the whole table and a filter in memory).
import { CfgObjectType } from './enums.ts';
import { buildAnnexes, readFlexProps } from './annex.ts';
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
import { readFolderMembership, readFolders, readScopeFolderDbids } from './folders.ts';
import { lastModifiedKey, readHistoryCursor, readLastModified } from './history.ts';
import type { Annex, ConfigDbFinding, EngageSnapshot } from './model.ts';
import { readAgentLogins, readPersons, readSkillLevels } from './persons.ts';
import { readPlaces } from './places.ts';
import { readSkills } from './skills.ts';
import { readSwitches } from './switches.ts';
import { readTenants } from './tenants.ts';
import { readHybridIntegration } from './transaction.ts';
import { isoUtc } from './tables.ts';

export interface ReadSnapshotOptions {
  /**
   * SYNC_CUSTOMER_FOLDER_NAME when SYNC_CUSTOMER_OBJECTS_ONLY is true: folder names (exact), found
   * at any depth, subfolders included. Undefined, null or empty: no filtering.
   */
  folderFilter?: readonly string[] | null;
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
  const names = (options.folderFilter ?? []).map((n) => n.trim()).filter((n) => n !== '');
  const folderFilter = names.length > 0 ? names : null;
  return client.transaction('read-only-snapshot', (tx) => readInTransaction(tx, folderFilter));
}

async function readInTransaction(tx: QueryClient, folderFilter: string[] | null): Promise<EngageSnapshot> {
  const findings: ConfigDbFinding[] = [];
  const { rows: nowRows } = await tx.query<{ t: string }>(
    `SELECT ${isoUtc("(now() AT TIME ZONE 'UTC')")} AS t`,
  );
  const cursor = await readHistoryCursor(tx);
  const scope = folderFilter === null ? null : await readScopeFolderDbids(tx, folderFilter);
  // Queries run one after another: a transaction holds one connection, which serialises anyway.
  const tenants = await readTenants(tx);
  const switches = await readSwitches(tx);
  const folders = await readFolders(tx);
  const personRows = await readPersons(tx, scope);
  const levelRows = await readSkillLevels(tx, scope);
  const loginRows = await readAgentLogins(tx, scope);
  const skillRows = await readSkills(tx, scope);
  const dnRows = await readDns(tx, scope);
  const groupRows = await readAgentGroups(tx, scope);
  const memberRows = await readAgentGroupMembers(tx, scope);
  const managerRows = await readAgentGroupManagers(tx, scope);
  const attrRows = await readBusinessAttributes(tx);
  const valueRows = await readBusinessAttributeValues(tx);
  const placeDbids =
    scope === null
      ? null
      : [
          ...new Set([
            ...personRows.flatMap((p) => (p.place_dbid ? [p.place_dbid] : [])),
            ...dnRows.flatMap((d) => (d.place_dbid ? [d.place_dbid] : [])),
          ]),
        ];
  const placeRows = await readPlaces(tx, placeDbids);

  const membership = new Map<number, ReadonlyMap<number, number>>();
  for (const t of FILTERED) membership.set(t, await readFolderMembership(tx, t, scope));
  // Places are not filtered by folder (the seeds name four units): their placement is read whole.
  membership.set(CfgObjectType.Place, await readFolderMembership(tx, CfgObjectType.Place, null));
  const annexRows = new Map<number, Map<number, Annex>>();
  const annexOf = async (t: number, dbids: number[] | null) => {
    annexRows.set(t, buildAnnexes(await readFlexProps(tx, t, dbids), findings));
  };
  const idsIfScoped = (rows: { dbid: number }[]) => (scope === null ? null : rows.map((r) => r.dbid));
  await annexOf(CfgObjectType.Person, idsIfScoped(personRows));
  await annexOf(CfgObjectType.DN, idsIfScoped(dnRows));
  await annexOf(CfgObjectType.AgentGroup, idsIfScoped(groupRows));
  await annexOf(CfgObjectType.Enumerator, null);
  await annexOf(CfgObjectType.EnumeratorValue, null);
  const lastModified = await readLastModified(tx, [
    ...FILTERED,
    CfgObjectType.Place,
    CfgObjectType.Switch,
    CfgObjectType.Enumerator,
    CfgObjectType.EnumeratorValue,
    CfgObjectType.Transaction,
  ]);
  const transactions = await readHybridIntegration(tx, findings);

  const ctx: AssembleContext = {
    folders: new Map(folders.map((f) => [f.dbid, f])),
    membership: (t) => membership.get(t) ?? new Map(),
    annexes: (t) => annexRows.get(t) ?? new Map(),
    lastModified,
    findings,
  };
  const first = transactions[0];
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
    places: assemblePlaces(ctx, placeRows),
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
