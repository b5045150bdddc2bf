// Persons with their skill levels and agent logins (cfg_person, cfg_skill_level, cfg_login_info,
// cfg_agent_login). Each function returns plain rows; snapshot.ts assembles them into EngagePerson.
import { CfgObjectType } from './enums.ts';
import type { QueryClient } from './client.ts';
import { scopeSql, type ReadScope } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface PersonRow {
  dbid: number;
  tenant_dbid: number;
  user_name: string;
  employee_id: string | null;
  email_address: string | null;
  first_name: string | null;
  last_name: string | null;
  external_id: string | null;
  is_agent: number;
  is_admin: number;
  state: number;
  place_dbid: number | null;
}

const P = CfgObjectType.Person;

/** Persons (Enabled and Disabled), only those in the scope folders when `scope` is given. */
export async function readPersons(client: QueryClient, scope: ReadScope): Promise<PersonRow[]> {
  const { rows } = await client.query<PersonRow>(
    `SELECT CAST(p.dbid AS INT) AS dbid, CAST(p.tenant_dbid AS INT) AS tenant_dbid, p.user_name,
            p.employee_id, p.email_address, p.first_name, p.last_name, p.external_id,
            CAST(p.is_agent AS INT) AS is_agent, CAST(p.is_admin AS INT) AS is_admin,
            CAST(p.state AS INT) AS state, CAST(p.place_dbid AS INT) AS place_dbid
       FROM ${T.person} p
      WHERE p.state IN ${LIVE_STATES}${scopeSql('p', P, scope)}
      ORDER BY p.dbid`,
  );
  return rows;
}

export interface SkillLevelRow {
  person_dbid: number;
  skill_dbid: number;
  skill_level: number;
  /** Null when the skill does not exist (or is deleted): a dangling link. */
  skill_name: string | null;
}

/** Skill levels of the persons in scope; the skill may be outside the scope (consumers decide). */
export async function readSkillLevels(client: QueryClient, scope: ReadScope): Promise<SkillLevelRow[]> {
  const { rows } = await client.query<SkillLevelRow>(
    `SELECT CAST(l.person_dbid AS INT) AS person_dbid, CAST(l.skill_dbid AS INT) AS skill_dbid,
            CAST(l.level_ AS INT) AS skill_level, s.name AS skill_name
       FROM ${T.skillLevel} l
       JOIN ${T.person} p ON p.dbid = l.person_dbid AND p.state IN ${LIVE_STATES}
       LEFT JOIN ${T.skill} s ON s.dbid = l.skill_dbid AND s.state IN ${LIVE_STATES}
      WHERE 1 = 1${scopeSql('p', P, scope)}
      ORDER BY l.person_dbid, l.skill_dbid`,
  );
  return rows;
}

export interface AgentLoginRow {
  person_dbid: number;
  agent_login_dbid: number;
  /** Null fields: the login row is missing (a dangling link). */
  login_code: string | null;
  switch_dbid: number | null;
  switch_name: string | null;
  state: number | null;
  wrapup_time: number | null;
}

/** Agent logins of the persons in scope, with their switch (person → switch goes through here). */
export async function readAgentLogins(client: QueryClient, scope: ReadScope): Promise<AgentLoginRow[]> {
  const { rows } = await client.query<AgentLoginRow>(
    `SELECT CAST(li.person_dbid AS INT) AS person_dbid,
            CAST(li.agent_login_dbid AS INT) AS agent_login_dbid, al.login_code,
            CAST(al.switch_dbid AS INT) AS switch_dbid, sw.name AS switch_name,
            CAST(al.state AS INT) AS state, CAST(li.wrapup_time AS INT) AS wrapup_time
       FROM ${T.loginInfo} li
       JOIN ${T.person} p ON p.dbid = li.person_dbid AND p.state IN ${LIVE_STATES}
       LEFT JOIN ${T.agentLogin} al ON al.dbid = li.agent_login_dbid AND al.state IN ${LIVE_STATES}
       LEFT JOIN ${T.switch} sw ON sw.dbid = al.switch_dbid
      WHERE 1 = 1${scopeSql('p', P, scope)}
      ORDER BY li.person_dbid, li.agent_login_dbid`,
  );
  return rows;
}
