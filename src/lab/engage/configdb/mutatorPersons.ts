// Mutator actions on persons, the way an administrator makes them in GAX/CME: create, rename,
// enable/disable, delete (and re-create: a new DBID, as Configuration Server never re-uses one),
// skills and levels, group membership, roles (Is Agent, htcc/roles), folder moves.
import type { ConfigDbClient } from '../../../engage/configdb/client.ts';
import { CfgFlag, CfgObjectType } from '../../../engage/configdb/enums.ts';
import { TENANT_DBID } from './dataset.ts';
import { adminAction, mustExist, nextDbid, placeInFolder, writeAnnex } from './mutatorCore.ts';

const P = CfgObjectType.Person;

export interface NewPerson {
  userName: string;
  employeeId?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  isAgent?: boolean;
  enabled?: boolean;
  folderDbid?: number | null;
  placeDbid?: number | null;
  /** htcc/roles, e.g. "agent,supervisor". */
  roles?: string | null;
  skills?: { skillDbid: number; level: number }[];
  agentLoginDbids?: number[];
  groupDbids?: number[];
}

export async function createPerson(db: ConfigDbClient, p: NewPerson): Promise<number> {
  return adminAction(db, async (tx, touch) => {
    const dbid = await nextDbid(tx, 'cfg_person');
    await tx.query(
      `INSERT INTO cfg_person (dbid, tenant_dbid, user_name, employee_id, email_address, first_name,
          last_name, is_agent, is_admin, state, csid, tenant_csid, place_dbid)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $1, $2, $11)`,
      [
        dbid,
        TENANT_DBID,
        p.userName,
        p.employeeId ?? null,
        p.email ?? null,
        p.firstName ?? null,
        p.lastName ?? null,
        p.isAgent === false ? CfgFlag.False : CfgFlag.True,
        CfgFlag.False,
        p.enabled === false ? 2 : 1,
        p.placeDbid ?? null,
      ],
    );
    touch('add', P, dbid);
    if (p.folderDbid) await placeInFolder(tx, touch, P, dbid, p.folderDbid);
    if (p.roles) await writeAnnex(tx, P, dbid, 'htcc', 'roles', p.roles);
    for (const s of p.skills ?? []) {
      await tx.query(`INSERT INTO cfg_skill_level (person_dbid, skill_dbid, level_) VALUES ($1, $2, $3)`, [
        dbid,
        s.skillDbid,
        s.level,
      ]);
    }
    for (const l of p.agentLoginDbids ?? []) {
      await tx.query(
        `INSERT INTO cfg_login_info (person_dbid, agent_login_dbid, wrapup_time) VALUES ($1, $2, 0)`,
        [dbid, l],
      );
    }
    for (const g of p.groupDbids ?? []) {
      await tx.query(`INSERT INTO cfg_agent_group (group_dbid, agent_dbid) VALUES ($1, $2)`, [g, dbid]);
      touch('change', CfgObjectType.AgentGroup, g);
    }
    return dbid;
  });
}

export type PersonPatch = Partial<
  Pick<NewPerson, 'userName' | 'employeeId' | 'email' | 'firstName' | 'lastName'>
>;

const PATCH_COLUMNS: Record<keyof PersonPatch, string> = {
  userName: 'user_name',
  employeeId: 'employee_id',
  email: 'email_address',
  firstName: 'first_name',
  lastName: 'last_name',
};

/** Rename / edit the person's fields. */
export async function updatePerson(db: ConfigDbClient, dbid: number, patch: PersonPatch): Promise<void> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [
    keyof PersonPatch,
    string | null,
  ][];
  if (entries.length === 0) return;
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, 'cfg_person', dbid, 'person');
    const sets = entries.map(([k], i) => `${PATCH_COLUMNS[k]} = $${i + 2}`);
    await tx.query(`UPDATE cfg_person SET ${sets.join(', ')} WHERE dbid = $1`, [
      dbid,
      ...entries.map(([, v]) => v),
    ]);
    touch('change', P, dbid);
  });
}

export async function setPersonState(
  db: ConfigDbClient,
  dbid: number,
  state: 'enabled' | 'disabled',
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, 'cfg_person', dbid, 'person');
    await tx.query(`UPDATE cfg_person SET state = $2 WHERE dbid = $1`, [dbid, state === 'enabled' ? 1 : 2]);
    touch('change', P, dbid);
  });
}

/** "Is Agent" and htcc/roles (null removes it): what makes a non-agent, agent or supervisor. */
export async function setPersonRoles(
  db: ConfigDbClient,
  dbid: number,
  roles: { isAgent?: boolean; htccRoles?: string | null },
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, 'cfg_person', dbid, 'person');
    if (roles.isAgent !== undefined) {
      await tx.query(`UPDATE cfg_person SET is_agent = $2 WHERE dbid = $1`, [
        dbid,
        roles.isAgent ? CfgFlag.True : CfgFlag.False,
      ]);
    }
    if (roles.htccRoles !== undefined) await writeAnnex(tx, P, dbid, 'htcc', 'roles', roles.htccRoles);
    touch('change', P, dbid);
  });
}

/** Sets a skill level (null removes the skill from the person). */
export async function setSkillLevel(
  db: ConfigDbClient,
  personDbid: number,
  skillDbid: number,
  level: number | null,
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, 'cfg_person', personDbid, 'person');
    await tx.query(`DELETE FROM cfg_skill_level WHERE person_dbid = $1 AND skill_dbid = $2`, [
      personDbid,
      skillDbid,
    ]);
    if (level !== null) {
      await tx.query(`INSERT INTO cfg_skill_level (person_dbid, skill_dbid, level_) VALUES ($1, $2, $3)`, [
        personDbid,
        skillDbid,
        level,
      ]);
    }
    touch('change', P, personDbid);
  });
}

/** Adds or removes a person in a static agent group (a change of the group, as in Config Server). */
export async function setGroupMember(
  db: ConfigDbClient,
  groupDbid: number,
  personDbid: number,
  member: boolean,
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, 'cfg_group', groupDbid, 'agent group');
    await tx.query(`DELETE FROM cfg_agent_group WHERE group_dbid = $1 AND agent_dbid = $2`, [
      groupDbid,
      personDbid,
    ]);
    if (member) {
      await tx.query(`INSERT INTO cfg_agent_group (group_dbid, agent_dbid) VALUES ($1, $2)`, [
        groupDbid,
        personDbid,
      ]);
    }
    touch('change', CfgObjectType.AgentGroup, groupDbid);
  });
}

/**
 * Deletes a person and its links (skill levels, logins, group memberships, annex, folder), and
 * returns what re-creating the same person takes: `createPerson(db, record)` gives a new DBID.
 */
export async function deletePerson(db: ConfigDbClient, dbid: number): Promise<NewPerson> {
  return adminAction(db, async (tx, touch) => {
    const { rows } = await tx.query<{
      user_name: string;
      employee_id: string | null;
      email_address: string | null;
      first_name: string | null;
      last_name: string | null;
      is_agent: number;
      state: number;
      place_dbid: number | null;
    }>(`SELECT * FROM cfg_person WHERE dbid = $1 AND state IN (1, 2)`, [dbid]);
    const p = rows[0];
    if (!p) throw new Error(`person DBID ${dbid} does not exist`);
    const q = async <R>(sql: string): Promise<R[]> => (await tx.query<R>(sql, [dbid])).rows;
    const skills = await q<{ skillDbid: number; level: number }>(
      `SELECT skill_dbid AS "skillDbid", level_ AS level FROM cfg_skill_level WHERE person_dbid = $1 ORDER BY skill_dbid`,
    );
    const logins = await q<{ d: number }>(
      `SELECT agent_login_dbid AS d FROM cfg_login_info WHERE person_dbid = $1`,
    );
    const groups = await q<{ d: number }>(
      `SELECT group_dbid AS d FROM cfg_agent_group WHERE agent_dbid = $1`,
    );
    const roles = await q<{ v: string }>(
      `SELECT k.prop_value AS v FROM cfg_flex_prop s JOIN cfg_flex_prop k ON k.parent_dbid = s.dbid
        WHERE s.object_type = ${P} AND s.object_dbid = $1 AND s.prop_name = 'htcc' AND k.prop_name = 'roles'`,
    );
    const folder = await q<{ d: number }>(
      `SELECT folder_dbid AS d FROM cfg_folder_obj WHERE object_type = ${P} AND object_dbid = $1`,
    );
    for (const sql of [
      `DELETE FROM cfg_skill_level WHERE person_dbid = $1`,
      `DELETE FROM cfg_login_info WHERE person_dbid = $1`,
      `DELETE FROM cfg_agent_group WHERE agent_dbid = $1`,
      `DELETE FROM cfg_group_manager WHERE person_dbid = $1`,
      `DELETE FROM cfg_flex_prop WHERE object_type = ${P} AND object_dbid = $1`,
      `DELETE FROM cfg_folder_obj WHERE object_type = ${P} AND object_dbid = $1`,
      `DELETE FROM cfg_person WHERE dbid = $1`,
    ]) {
      await tx.query(sql, [dbid]);
    }
    for (const g of groups) touch('change', CfgObjectType.AgentGroup, g.d);
    for (const f of folder) touch('change', CfgObjectType.Folder, f.d);
    touch('delete', P, dbid);
    return {
      userName: p.user_name,
      employeeId: p.employee_id,
      email: p.email_address,
      firstName: p.first_name,
      lastName: p.last_name,
      isAgent: p.is_agent === CfgFlag.True,
      enabled: p.state === 1,
      placeDbid: p.place_dbid,
      folderDbid: folder[0]?.d ?? null,
      roles: roles[0]?.v ?? null,
      skills,
      agentLoginDbids: logins.map((l) => l.d),
      groupDbids: groups.map((g) => g.d),
    };
  });
}
