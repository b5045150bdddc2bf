// Agent groups (cfg_group, group_type Agent Group) with their static members (cfg_agent_group) and
// supervisors (cfg_group_manager, UNCONFIRMED). A VAG is an agent group whose annex has
// virtual/script; its members are computed from skills (mapping rules), not stored.
import { CfgGroupType, CfgObjectType } from './enums.ts';
import type { QueryClient } from './client.ts';
import { inScopeSql } from './folders.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface AgentGroupRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  state: number;
}

const AG = CfgObjectType.AgentGroup;

export async function readAgentGroups(
  client: QueryClient,
  scope: readonly number[] | null,
): Promise<AgentGroupRow[]> {
  const { rows } = await client.query<AgentGroupRow>(
    `SELECT CAST(g.dbid AS INT) AS dbid, CAST(g.tenant_dbid AS INT) AS tenant_dbid, g.name,
            CAST(g.state AS INT) AS state
       FROM ${T.group} g
      WHERE g.group_type = ${CfgGroupType.AgentGroup} AND g.state IN ${LIVE_STATES}
        AND ${inScopeSql('g', AG, '$1')}
      ORDER BY g.dbid`,
    [scope === null ? null : [...scope]],
  );
  return rows;
}

export interface GroupLinkRow {
  group_dbid: number;
  person_dbid: number;
  /** False when the person does not exist (or is deleted): a dangling link. */
  person_exists: boolean;
}

async function readLinks(
  client: QueryClient,
  table: string,
  personColumn: string,
  scope: readonly number[] | null,
): Promise<GroupLinkRow[]> {
  const { rows } = await client.query<GroupLinkRow>(
    `SELECT CAST(m.group_dbid AS INT) AS group_dbid, CAST(m.${personColumn} AS INT) AS person_dbid,
            (p.dbid IS NOT NULL) AS person_exists
       FROM ${table} m
       JOIN ${T.group} g ON g.dbid = m.group_dbid
            AND g.group_type = ${CfgGroupType.AgentGroup} AND g.state IN ${LIVE_STATES}
       LEFT JOIN ${T.person} p ON p.dbid = m.${personColumn} AND p.state IN ${LIVE_STATES}
      WHERE ${inScopeSql('g', AG, '$1')}
      ORDER BY m.group_dbid, m.${personColumn}`,
    [scope === null ? null : [...scope]],
  );
  return rows;
}

/** Static members of the groups in scope (the persons may be out of scope: consumers decide). */
export function readAgentGroupMembers(
  client: QueryClient,
  scope: readonly number[] | null,
): Promise<GroupLinkRow[]> {
  return readLinks(client, T.agentGroup, 'agent_dbid', scope);
}

export function readAgentGroupManagers(
  client: QueryClient,
  scope: readonly number[] | null,
): Promise<GroupLinkRow[]> {
  return readLinks(client, T.groupManager, 'person_dbid', scope);
}
