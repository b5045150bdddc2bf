// Agent groups (cfg_group, group_type Agent Group) with their static members (cfg_agent_group) and
// supervisors (cfg_group_manager, UNCONFIRMED). A VAG is an agent group whose annex has
// virtual/script; its members are computed from skills (mapping rules), not stored.
import { CfgGroupType, CfgObjectType } from './enums.ts';
import type { QueryClient } from './client.ts';
import { scopeSql, type ReadScope } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface AgentGroupRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  state: number;
}

const AG = CfgObjectType.AgentGroup;

export async function readAgentGroups(client: QueryClient, scope: ReadScope): Promise<AgentGroupRow[]> {
  const { rows } = await client.query<AgentGroupRow>(
    `SELECT CAST(g.dbid AS INT) AS dbid, CAST(g.tenant_dbid AS INT) AS tenant_dbid, g.name,
            CAST(g.state AS INT) AS state
       FROM ${T.group} g
      WHERE g.group_type = ${CfgGroupType.AgentGroup} AND g.state IN ${LIVE_STATES}
${scopeSql('g', AG, scope)}
      ORDER BY g.dbid`,
  );
  return rows;
}

export interface GroupLinkRow {
  group_dbid: number;
  person_dbid: number;
  /** 0 when the person does not exist (or is deleted): a dangling link. */
  person_exists: number;
}

async function readLinks(
  client: QueryClient,
  table: string,
  personColumn: string,
  scope: ReadScope,
): Promise<GroupLinkRow[]> {
  const { rows } = await client.query<GroupLinkRow>(
    `SELECT CAST(m.group_dbid AS INT) AS group_dbid, CAST(m.${personColumn} AS INT) AS person_dbid,
            CASE WHEN p.dbid IS NULL THEN 0 ELSE 1 END AS person_exists
       FROM ${table} m
       JOIN ${T.group} g ON g.dbid = m.group_dbid
            AND g.group_type = ${CfgGroupType.AgentGroup} AND g.state IN ${LIVE_STATES}
       LEFT JOIN ${T.person} p ON p.dbid = m.${personColumn} AND p.state IN ${LIVE_STATES}
      WHERE 1 = 1${scopeSql('g', AG, scope)}
      ORDER BY m.group_dbid, m.${personColumn}`,
  );
  return rows;
}

/** Static members of the groups in scope (the persons may be out of scope: consumers decide). */
export function readAgentGroupMembers(client: QueryClient, scope: ReadScope): Promise<GroupLinkRow[]> {
  return readLinks(client, T.agentGroup, 'agent_dbid', scope);
}

export function readAgentGroupManagers(client: QueryClient, scope: ReadScope): Promise<GroupLinkRow[]> {
  return readLinks(client, T.groupManager, 'person_dbid', scope);
}
