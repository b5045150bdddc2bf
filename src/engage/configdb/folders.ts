// Folders: the tree (with each folder's path of names), the folders in sync scope (named folders at
// any depth plus all their subfolders), and which folder holds each object of a type.
import { objectTypeName } from './enums.ts';
import type { QueryClient } from './client.ts';
import type { EngageFolder, FolderPlacement } from './model.ts';
import { LIVE_STATES, T } from './tables.ts';

interface FolderRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  type: number;
  parent_dbid: number | null;
  owner_type: number;
  owner_dbid: number;
  state: number;
}

export async function readFolders(client: QueryClient): Promise<EngageFolder[]> {
  const { rows } = await client.query<FolderRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(tenant_dbid AS INT) AS tenant_dbid, name,
            CAST(type AS INT) AS type, CAST(parent_dbid AS INT) AS parent_dbid,
            CAST(owner_type AS INT) AS owner_type, CAST(owner_dbid AS INT) AS owner_dbid,
            CAST(state AS INT) AS state
       FROM ${T.folder} WHERE state IN ${LIVE_STATES} ORDER BY dbid`,
  );
  const byDbid = new Map(rows.map((r) => [r.dbid, r]));
  const pathOf = (r: FolderRow): string[] => {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let f: FolderRow | undefined = r; f && !seen.has(f.dbid);) {
      seen.add(f.dbid); // a parent loop in bad data must not hang the reader
      names.unshift(f.name);
      f = f.parent_dbid ? byDbid.get(f.parent_dbid) : undefined;
    }
    return names;
  };
  return rows.map((r) => ({
    dbid: r.dbid,
    tenantDbid: r.tenant_dbid,
    name: r.name,
    objectType: objectTypeName(r.type) ?? null,
    objectTypeCode: r.type,
    parentDbid: r.parent_dbid && byDbid.has(r.parent_dbid) ? r.parent_dbid : null,
    ownerType: r.owner_type,
    ownerDbid: r.owner_dbid,
    path: pathOf(r),
    state: r.state === 2 ? 'disabled' : 'enabled',
  }));
}

/**
 * DBIDs of the folders named in `names` (exact, case-sensitive, at any depth) and of every folder
 * below them. Computed in SQL so that only in-scope objects are read afterwards.
 */
export async function readScopeFolderDbids(client: QueryClient, names: readonly string[]): Promise<number[]> {
  const { rows } = await client.query<{ dbid: number }>(
    `WITH RECURSIVE scope(dbid) AS (
       SELECT dbid FROM ${T.folder} WHERE name = ANY($1::text[]) AND state IN ${LIVE_STATES}
       UNION
       SELECT f.dbid FROM ${T.folder} f JOIN scope s ON f.parent_dbid = s.dbid
        WHERE f.state IN ${LIVE_STATES})
     SELECT CAST(dbid AS INT) AS dbid FROM scope ORDER BY dbid`,
    [[...names]],
  );
  return rows.map((r) => r.dbid);
}

/** Folder of each object of `objectType` (only those inside `scope` when given). */
export async function readFolderMembership(
  client: QueryClient,
  objectType: number,
  scope: readonly number[] | null,
): Promise<Map<number, number>> {
  const { rows } = await client.query<{ object_dbid: number; folder_dbid: number }>(
    `SELECT CAST(object_dbid AS INT) AS object_dbid, CAST(folder_dbid AS INT) AS folder_dbid
       FROM ${T.folderObj}
      WHERE object_type = $1 AND ($2::int[] IS NULL OR folder_dbid = ANY($2::int[]))`,
    [objectType, scope === null ? null : [...scope]],
  );
  return new Map(rows.map((r) => [r.object_dbid, r.folder_dbid]));
}

/** SQL condition "this object is in a scope folder", for `<alias>.dbid` of `objectType`. */
export function inScopeSql(alias: string, objectType: number, scopeParam: string): string {
  return `(${scopeParam}::int[] IS NULL OR ${alias}.dbid IN (
    SELECT object_dbid FROM ${T.folderObj}
     WHERE object_type = ${Number(objectType)} AND folder_dbid = ANY(${scopeParam}::int[])))`;
}

export function placementOf(
  dbid: number,
  membership: ReadonlyMap<number, number>,
  folders: ReadonlyMap<number, EngageFolder>,
): FolderPlacement {
  const folderDbid = membership.get(dbid) ?? null;
  const folder = folderDbid === null ? undefined : folders.get(folderDbid);
  return { folderDbid: folder ? folderDbid : null, folderPath: folder ? [...folder.path] : [] };
}
