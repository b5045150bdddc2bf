// The demo's administrator: one plausible change at a time, chosen by a seeded PRNG from what is in
// the database now. Each returns a line saying what it did (for the demo's log).
import type { ConfigDbClient } from '../../../engage/configdb/client.ts';
import { CfgObjectType } from '../../../engage/configdb/enums.ts';
import {
  createPerson,
  deletePerson,
  setGroupMember,
  setPersonState,
  setSkillLevel,
  updatePerson,
} from './mutatorPersons.ts';
import { moveToFolder } from './mutatorObjects.ts';
import { findFolder } from './mutatorCore.ts';
import type { Rng } from './random.ts';

async function pickRow<R>(db: ConfigDbClient, rng: Rng, sql: string): Promise<R | undefined> {
  const { rows } = await db.query<R>(sql);
  return rows.length ? rng.pick(rows) : undefined;
}

type Change = (db: ConfigDbClient, rng: Rng) => Promise<string | null>;

const agentSql = `SELECT dbid, user_name, state, last_name FROM cfg_person WHERE is_agent = 2 AND dbid > 100 ORDER BY dbid`;
interface AgentRow {
  dbid: number;
  user_name: string;
  state: number;
  last_name: string | null;
}

const CHANGES: Change[] = [
  async (db, rng) => {
    const p = await pickRow<AgentRow>(db, rng, agentSql);
    if (!p) return null;
    const next = p.state === 1 ? 'disabled' : 'enabled';
    await setPersonState(db, p.dbid, next);
    return `person ${p.user_name} (${p.dbid}) ${next}`;
  },
  async (db, rng) => {
    const l = await pickRow<{ person_dbid: number; skill_dbid: number; level_: number }>(
      db,
      rng,
      `SELECT person_dbid, skill_dbid, level_ FROM cfg_skill_level ORDER BY person_dbid, skill_dbid`,
    );
    if (!l) return null;
    const level = Math.max(0, l.level_ + rng.pick([-2, -1, 1, 2]));
    await setSkillLevel(db, l.person_dbid, l.skill_dbid, level);
    return `person ${l.person_dbid}: skill ${l.skill_dbid} level ${l.level_} → ${level}`;
  },
  async (db, rng) => {
    const g = await pickRow<{ dbid: number; name: string }>(
      db,
      rng,
      `SELECT g.dbid, g.name FROM cfg_group g WHERE EXISTS (SELECT 1 FROM cfg_agent_group m WHERE m.group_dbid = g.dbid) ORDER BY g.dbid`,
    );
    const p = await pickRow<AgentRow>(db, rng, agentSql);
    if (!g || !p) return null;
    const { rows } = await db.query(
      `SELECT 1 FROM cfg_agent_group WHERE group_dbid = $1 AND agent_dbid = $2`,
      [g.dbid, p.dbid],
    );
    await setGroupMember(db, g.dbid, p.dbid, rows.length === 0);
    return `${p.user_name} ${rows.length === 0 ? 'added to' : 'removed from'} ${g.name}`;
  },
  async (db, rng) => {
    const p = await pickRow<AgentRow>(db, rng, agentSql);
    if (!p) return null;
    const lastName = `${(p.last_name ?? 'Agent').replace(/-\d+$/, '')}-${rng.int(2, 99)}`;
    await updatePerson(db, p.dbid, { lastName });
    return `person ${p.user_name} renamed (last name ${lastName})`;
  },
  async (db, rng) => {
    const p = await pickRow<AgentRow & { folder_dbid: number }>(
      db,
      rng,
      `SELECT p.dbid, p.user_name, o.folder_dbid FROM cfg_person p JOIN cfg_folder_obj o
         ON o.object_type = 3 AND o.object_dbid = p.dbid JOIN cfg_folder f ON f.dbid = o.folder_dbid
        WHERE f.name IN ('Sales Team', 'Support Team') ORDER BY p.dbid`,
    );
    if (!p) return null;
    const sales = await findFolder(db, CfgObjectType.Person, ['EX_EVOLUTION', 'Sales Team']);
    const support = await findFolder(db, CfgObjectType.Person, ['EX_EVOLUTION', 'Support Team']);
    const to = p.folder_dbid === sales ? support : sales;
    await moveToFolder(db, CfgObjectType.Person, p.dbid, to);
    return `person ${p.user_name} moved to ${to === sales ? 'Sales Team' : 'Support Team'}`;
  },
  async (db, rng) => {
    const p = await pickRow<AgentRow>(db, rng, agentSql);
    if (!p) return null;
    const record = await deletePerson(db, p.dbid);
    const dbid = await createPerson(db, record);
    return `person ${p.user_name} deleted and re-created (DBID ${p.dbid} → ${dbid})`;
  },
];

/** Makes one random change; returns what it did (null when there was nothing to change). */
export async function makeRandomChange(db: ConfigDbClient, rng: Rng): Promise<string | null> {
  return rng.pick(CHANGES)(db, rng);
}
