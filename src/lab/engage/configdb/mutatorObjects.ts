// Mutator actions on skills, DNs, agent groups, business attribute values, annexes, folders and the
// hybrid_integration transaction. Each is one administrator action with its history records.
import type { ConfigDbClient } from '../../../engage/configdb/client.ts';
import { CfgGroupType, CfgObjectType, CfgRouteType } from '../../../engage/configdb/enums.ts';
import { TENANT_DBID } from './dataset.ts';
import { adminAction, mustExist, nextDbid, placeInFolder, writeAnnex } from './mutatorCore.ts';

const TABLE_OF: Partial<Record<number, string>> = {
  [CfgObjectType.Person]: 'cfg_person',
  [CfgObjectType.Skill]: 'cfg_skill',
  [CfgObjectType.DN]: 'cfg_dn',
  [CfgObjectType.AgentGroup]: 'cfg_group',
  [CfgObjectType.Place]: 'cfg_place',
  [CfgObjectType.Switch]: 'cfg_switch',
  [CfgObjectType.Enumerator]: 'cfg_enumerator',
  [CfgObjectType.EnumeratorValue]: 'cfg_enumerator_value',
  [CfgObjectType.Transaction]: 'cfg_transaction',
};

function tableOf(objectType: number): string {
  const t = TABLE_OF[objectType];
  if (!t) throw new Error(`the lab mutator does not handle object type ${objectType}`);
  return t;
}

/** Moves an object to another folder (null: the root of its unit). */
export async function moveToFolder(
  db: ConfigDbClient,
  objectType: number,
  dbid: number,
  folderDbid: number | null,
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, tableOf(objectType), dbid, `object type ${objectType}`);
    await placeInFolder(tx, touch, objectType, dbid, folderDbid);
    touch('change', objectType, dbid);
  });
}

/** Sets (null: removes) an annex option of any object. */
export async function setAnnex(
  db: ConfigDbClient,
  objectType: number,
  dbid: number,
  section: string,
  key: string,
  value: string | null,
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    await mustExist(tx, tableOf(objectType), dbid, `object type ${objectType}`);
    await writeAnnex(tx, objectType, dbid, section, key, value);
    touch('change', objectType, dbid);
  });
}

/** An option of the hybrid_integration transaction (tenant 1). */
export async function setTransactionOption(
  db: ConfigDbClient,
  section: string,
  key: string,
  value: string | null,
): Promise<void> {
  const { rows } = await db.query<{ dbid: number }>(
    `SELECT dbid FROM cfg_transaction WHERE name = 'hybrid_integration' ORDER BY tenant_dbid, dbid LIMIT 1`,
  );
  const dbid = rows[0]?.dbid;
  if (dbid === undefined) throw new Error('no hybrid_integration transaction');
  await setAnnex(db, CfgObjectType.Transaction, dbid, section, key, value);
}

/** Renames a skill, agent group, place or business attribute (value); a DN's alias. */
export async function renameObject(
  db: ConfigDbClient,
  objectType: number,
  dbid: number,
  name: string,
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    const table = tableOf(objectType);
    await mustExist(tx, table, dbid, `object type ${objectType}`);
    await tx.query(`UPDATE ${table} SET name = $2 WHERE dbid = $1`, [dbid, name]);
    touch('change', objectType, dbid);
  });
}

export async function setObjectState(
  db: ConfigDbClient,
  objectType: number,
  dbid: number,
  state: 'enabled' | 'disabled',
): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    const table = tableOf(objectType);
    await mustExist(tx, table, dbid, `object type ${objectType}`);
    await tx.query(`UPDATE ${table} SET state = $2 WHERE dbid = $1`, [dbid, state === 'enabled' ? 1 : 2]);
    touch('change', objectType, dbid);
  });
}

export async function createSkill(
  db: ConfigDbClient,
  name: string,
  folderDbid: number | null = null,
): Promise<number> {
  return adminAction(db, async (tx, touch) => {
    const dbid = await nextDbid(tx, 'cfg_skill');
    await tx.query(
      `INSERT INTO cfg_skill (dbid, name, tenant_dbid, state, csid, tenant_csid) VALUES ($1, $2, $3, 1, $1, $3)`,
      [dbid, name, TENANT_DBID],
    );
    touch('add', CfgObjectType.Skill, dbid);
    await placeInFolder(tx, touch, CfgObjectType.Skill, dbid, folderDbid);
    return dbid;
  });
}

export interface NewDn {
  switchDbid: number;
  number: string;
  /** CfgDNType; 5 = Virtual Queue. */
  type: number;
  alias?: string | null;
  folderDbid?: number | null;
}

export async function createDn(db: ConfigDbClient, d: NewDn): Promise<number> {
  return adminAction(db, async (tx, touch) => {
    const dbid = await nextDbid(tx, 'cfg_dn');
    await tx.query(
      `INSERT INTO cfg_dn (dbid, tenant_dbid, switch_dbid, number_, type, name, register_all, route_type,
          state, use_override, switch_specific_type, csid, switch_csid, tenant_csid)
       VALUES ($1, $2, $3, $4, $5, $6, 2, $7, 1, 2, 1, $1, $3, $2)`,
      [
        dbid,
        TENANT_DBID,
        d.switchDbid,
        d.number,
        d.type,
        d.alias ?? null,
        d.type === 5 ? CfgRouteType.Default : 0,
      ],
    );
    touch('add', CfgObjectType.DN, dbid);
    await placeInFolder(tx, touch, CfgObjectType.DN, dbid, d.folderDbid ?? null);
    return dbid;
  });
}

export interface NewAgentGroup {
  name: string;
  folderDbid?: number | null;
  wfmQueueNumber?: string | null;
  virtualScript?: string | null;
  memberDbids?: number[];
}

export async function createAgentGroup(db: ConfigDbClient, g: NewAgentGroup): Promise<number> {
  return adminAction(db, async (tx, touch) => {
    const dbid = await nextDbid(tx, 'cfg_group');
    await tx.query(
      `INSERT INTO cfg_group (dbid, group_type, tenant_dbid, name, state, csid, tenant_csid)
       VALUES ($1, $2, $3, $4, 1, $1, $3)`,
      [dbid, CfgGroupType.AgentGroup, TENANT_DBID, g.name],
    );
    const AG = CfgObjectType.AgentGroup;
    if (g.wfmQueueNumber) await writeAnnex(tx, AG, dbid, 'hybrid', 'WFM_queue_number', g.wfmQueueNumber);
    if (g.virtualScript) await writeAnnex(tx, AG, dbid, 'virtual', 'script', g.virtualScript);
    for (const m of g.memberDbids ?? []) {
      await tx.query(`INSERT INTO cfg_agent_group (group_dbid, agent_dbid) VALUES ($1, $2)`, [dbid, m]);
    }
    touch('add', AG, dbid);
    await placeInFolder(tx, touch, AG, dbid, g.folderDbid ?? null);
    return dbid;
  });
}

export async function createBusinessAttributeValue(
  db: ConfigDbClient,
  enumeratorDbid: number,
  name: string,
): Promise<number> {
  return adminAction(db, async (tx, touch) => {
    await mustExist(tx, 'cfg_enumerator', enumeratorDbid, 'business attribute');
    const dbid = await nextDbid(tx, 'cfg_enumerator_value');
    await tx.query(
      `INSERT INTO cfg_enumerator_value (dbid, tenant_dbid, enumerator_dbid, name, display_name, is_default,
          state, csid, tenant_csid)
       VALUES ($1, $2, $3, $4, $4, 1, 1, $1, $2)`,
      [dbid, TENANT_DBID, enumeratorDbid, name],
    );
    touch('add', CfgObjectType.EnumeratorValue, dbid);
    touch('change', CfgObjectType.Enumerator, enumeratorDbid);
    return dbid;
  });
}

/**
 * Deletes a skill, DN, agent group or business attribute value with the rows that link to it
 * (levels, memberships, annex, folder membership), recording the linked objects as changed.
 */
export async function deleteObject(db: ConfigDbClient, objectType: number, dbid: number): Promise<void> {
  await adminAction(db, async (tx, touch) => {
    const table = tableOf(objectType);
    await mustExist(tx, table, dbid, `object type ${objectType}`);
    if (objectType === CfgObjectType.Skill) {
      const { rows } = await tx.query<{ p: number }>(
        `DELETE FROM cfg_skill_level WHERE skill_dbid = $1 RETURNING person_dbid AS p`,
        [dbid],
      );
      for (const r of rows) touch('change', CfgObjectType.Person, r.p);
    }
    if (objectType === CfgObjectType.DN)
      await tx.query(`DELETE FROM cfg_place_dn WHERE dn_dbid = $1`, [dbid]);
    if (objectType === CfgObjectType.AgentGroup) {
      await tx.query(`DELETE FROM cfg_agent_group WHERE group_dbid = $1`, [dbid]);
      await tx.query(`DELETE FROM cfg_group_manager WHERE group_dbid = $1`, [dbid]);
    }
    if (objectType === CfgObjectType.EnumeratorValue) {
      const { rows } = await tx.query<{ e: number }>(
        `SELECT enumerator_dbid AS e FROM cfg_enumerator_value WHERE dbid = $1`,
        [dbid],
      );
      for (const r of rows) touch('change', CfgObjectType.Enumerator, r.e);
    }
    await tx.query(`DELETE FROM cfg_flex_prop WHERE object_type = $1 AND object_dbid = $2`, [
      objectType,
      dbid,
    ]);
    await placeInFolder(tx, touch, objectType, dbid, null);
    await tx.query(`DELETE FROM ${table} WHERE dbid = $1`, [dbid]);
    touch('delete', objectType, dbid);
  });
}
