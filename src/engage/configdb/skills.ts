// Skills (cfg_skill), folder-filtered like persons.
import { CfgObjectType } from './enums.ts';
import type { QueryClient } from './client.ts';
import { scopeSql, type ReadScope } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface SkillRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  state: number;
}

export async function readSkills(client: QueryClient, scope: ReadScope): Promise<SkillRow[]> {
  const { rows } = await client.query<SkillRow>(
    `SELECT CAST(s.dbid AS INT) AS dbid, CAST(s.tenant_dbid AS INT) AS tenant_dbid, s.name,
            CAST(s.state AS INT) AS state
       FROM ${T.skill} s
      WHERE s.state IN ${LIVE_STATES}${scopeSql('s', CfgObjectType.Skill, scope)}
      ORDER BY s.dbid`,
  );
  return rows;
}
