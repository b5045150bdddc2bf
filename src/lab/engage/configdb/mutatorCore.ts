// What every mutator change shares: one transaction per administrator action, a history record per
// object it touched (as Configuration Server writes its history log), DBIDs from per-type sequences.
import type { ConfigDbClient, QueryClient } from '../../../engage/configdb/client.ts';
import { CfgObjectType, FlexPropType, HistoryOperation } from '../../../engage/configdb/enums.ts';
import { TENANT_DBID } from './dataset.ts';
import { dbidSequence } from './schema.ts';

export type Touch = [op: 'add' | 'change' | 'delete', objectType: number, dbid: number];

const OP = { add: HistoryOperation.Add, change: HistoryOperation.Change, delete: HistoryOperation.Delete };

/** Runs one administrator action and records a history entry for every object it touched. */
export async function adminAction<T>(
  db: ConfigDbClient,
  fn: (tx: QueryClient, touch: (...t: Touch) => void) => Promise<T>,
): Promise<T> {
  return db.transaction('read-write', async (tx) => {
    const touched: Touch[] = [];
    const out = await fn(tx, (...t) => touched.push(t));
    const seen = new Set<string>();
    for (const [op, type, dbid] of touched) {
      const key = `${op}:${type}:${dbid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await tx.query(
        `INSERT INTO cfg_hdb_audit_entry
           (operation_type, object_type, object_dbid, tenant_dbid, change_time, user_name, app_name)
         VALUES ($1, $2, $3, $4, clock_timestamp() AT TIME ZONE 'UTC', 'lab-admin', 'lab-mutator')`,
        [OP[op], type, dbid, TENANT_DBID],
      );
    }
    return out;
  });
}

export async function nextDbid(tx: QueryClient, table: string): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(`SELECT nextval('${dbidSequence(table)}')::int AS id`);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no DBID from ${dbidSequence(table)}`);
  return id;
}

export class LabObjectNotFound extends Error {
  override readonly name = 'LabObjectNotFound';
}

/** Fails clearly when the object an action names is not there. */
export async function mustExist(tx: QueryClient, table: string, dbid: number, what: string): Promise<void> {
  const { rows } = await tx.query(`SELECT 1 FROM ${table} WHERE dbid = $1 AND state IN (1, 2)`, [dbid]);
  if (rows.length === 0) throw new LabObjectNotFound(`${what} DBID ${dbid} does not exist`);
}

/** Sets (or with null removes) annex section/key of an object; empty sections are removed. */
export async function writeAnnex(
  tx: QueryClient,
  objectType: number,
  objectDbid: number,
  section: string,
  key: string,
  value: string | null,
): Promise<void> {
  const { rows } = await tx.query<{ dbid: number }>(
    `SELECT dbid FROM cfg_flex_prop WHERE object_type = $1 AND object_dbid = $2
        AND COALESCE(parent_dbid, 0) = 0 AND prop_name = $3 ORDER BY dbid LIMIT 1`,
    [objectType, objectDbid, section],
  );
  let sectionDbid = rows[0]?.dbid;
  if (sectionDbid !== undefined) {
    await tx.query(`DELETE FROM cfg_flex_prop WHERE parent_dbid = $1 AND prop_name = $2`, [sectionDbid, key]);
  }
  if (value === null) {
    if (sectionDbid !== undefined) {
      await tx.query(
        `DELETE FROM cfg_flex_prop WHERE dbid = $1
            AND NOT EXISTS (SELECT 1 FROM cfg_flex_prop c WHERE c.parent_dbid = $1)`,
        [sectionDbid],
      );
    }
    return;
  }
  if (sectionDbid === undefined) {
    sectionDbid = await nextDbid(tx, 'cfg_flex_prop');
    await tx.query(
      `INSERT INTO cfg_flex_prop (dbid, object_dbid, object_type, parent_dbid, prop_type, prop_name)
       VALUES ($1, $2, $3, NULL, $4, $5)`,
      [sectionDbid, objectDbid, objectType, FlexPropType.Section, section],
    );
  }
  await tx.query(
    `INSERT INTO cfg_flex_prop
       (dbid, object_dbid, object_type, parent_dbid, prop_type, prop_name, prop_value)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      await nextDbid(tx, 'cfg_flex_prop'),
      objectDbid,
      objectType,
      sectionDbid,
      FlexPropType.Option,
      key,
      value,
    ],
  );
}

/** Puts an object in a folder (null: the root of its unit), recording the folders as changed. */
export async function placeInFolder(
  tx: QueryClient,
  touch: (...t: Touch) => void,
  objectType: number,
  objectDbid: number,
  folderDbid: number | null,
): Promise<void> {
  const { rows } = await tx.query<{ folder_dbid: number }>(
    `DELETE FROM cfg_folder_obj WHERE object_type = $1 AND object_dbid = $2 RETURNING folder_dbid`,
    [objectType, objectDbid],
  );
  for (const r of rows) touch('change', CfgObjectType.Folder, r.folder_dbid);
  if (folderDbid === null) return;
  await tx.query(`INSERT INTO cfg_folder_obj (folder_dbid, object_type, object_dbid) VALUES ($1, $2, $3)`, [
    folderDbid,
    objectType,
    objectDbid,
  ]);
  touch('change', CfgObjectType.Folder, folderDbid);
}

/** A folder by its path of names under the unit of `objectType`, e.g. ['EX_EVOLUTION', 'Sales Team']. */
export async function findFolder(
  db: QueryClient,
  objectType: number,
  path: readonly string[],
  ownerDbid?: number,
): Promise<number> {
  let parent: number | null = null;
  for (const name of path) {
    const found: { rows: { dbid: number }[] } = await db.query<{ dbid: number }>(
      `SELECT dbid FROM cfg_folder WHERE type = $1 AND name = $2 AND state IN (1, 2)
          AND (($3::int IS NULL AND COALESCE(parent_dbid, 0) = 0) OR parent_dbid = $3::int)
          AND ($4::int IS NULL OR $3::int IS NOT NULL OR owner_dbid = $4::int)
        ORDER BY dbid LIMIT 1`,
      [objectType, name, parent, ownerDbid ?? null],
    );
    const dbid = found.rows[0]?.dbid;
    if (dbid === undefined) throw new LabObjectNotFound(`no folder ${path.join('/')} (type ${objectType})`);
    parent = dbid;
  }
  if (parent === null) throw new LabObjectNotFound('an empty folder path names no folder');
  return parent;
}
