// Folders: the tree (with each folder's path of names), the folders in sync scope (named folders at
// any depth plus all their subfolders), and which folder holds each object of a type.
import { objectTypeName } from './enums.ts';
import type { QueryClient } from './client.ts';
import type { EngageFolder, FolderPlacement } from './model.ts';
import { inInts, tenantSql, type ReadScope } from './sql.ts';
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

export async function readFolders(client: QueryClient, tenantDbid: number | null): Promise<EngageFolder[]> {
  const { rows } = await client.query<FolderRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(tenant_dbid AS INT) AS tenant_dbid, name,
            CAST(type AS INT) AS type, CAST(parent_dbid AS INT) AS parent_dbid,
            CAST(owner_type AS INT) AS owner_type, CAST(owner_dbid AS INT) AS owner_dbid,
            CAST(state AS INT) AS state
       FROM ${T.folder} f WHERE f.state IN ${LIVE_STATES}${tenantSql('f', tenantDbid)} ORDER BY dbid`,
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

export interface FolderScope {
  /** The named folders (exact, case-sensitive, at any depth) and every folder below them. */
  dbids: number[];
  /** Names that match no folder: a typo that would empty the org, so the reader refuses them. */
  unmatched: string[];
}

/**
 * Pure: the folder filter over the tenant's folder tree (read anyway for folder paths). Done here, not
 * in a recursive CTE, because the three dialects spell recursion differently and a parent loop in bad
 * data must not hang the database. Objects are still read only from these folders, in SQL.
 */
export function folderScope(folders: readonly EngageFolder[], names: readonly string[]): FolderScope {
  const children = new Map<number, number[]>();
  for (const f of folders) {
    if (f.parentDbid !== null) children.set(f.parentDbid, [...(children.get(f.parentDbid) ?? []), f.dbid]);
  }
  const found = new Set<number>();
  const queue = folders.filter((f) => names.includes(f.name)).map((f) => f.dbid);
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (found.has(next)) continue;
    found.add(next);
    queue.push(...(children.get(next) ?? []));
  }
  const matched = new Set(folders.map((f) => f.name));
  return {
    dbids: [...found].sort((a, b) => a - b),
    unmatched: names.filter((n) => !matched.has(n)),
  };
}

/** Folder of each object of `objectType` (only those inside `scope` when given). */
export async function readFolderMembership(
  client: QueryClient,
  objectType: number,
  scope: ReadScope,
): Promise<Map<number, number>> {
  const { rows } = await client.query<{ object_dbid: number; folder_dbid: number }>(
    `SELECT CAST(fo.object_dbid AS INT) AS object_dbid, CAST(fo.folder_dbid AS INT) AS folder_dbid
       FROM ${T.folderObj} fo
       JOIN ${T.folder} f ON f.dbid = fo.folder_dbid${tenantSql('f', scope.tenantDbid)}
      WHERE fo.object_type = $1${scope.folders === null ? '' : ` AND ${inInts('fo.folder_dbid', scope.folders)}`}`,
    [objectType],
  );
  return new Map(rows.map((r) => [r.object_dbid, r.folder_dbid]));
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
