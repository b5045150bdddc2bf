// The Configuration History Log (cfg_hdb_audit_entry, names UNCONFIRMED): "Last modified" times and
// the cheap change poll. Records expire after 30-365 days, so "no record" is normal for old objects.
import { historyOperationName, objectTypeName } from './enums.ts';
import type { QueryClient } from './client.ts';
import type { ChangeCursor, ChangesSince } from './model.ts';
import { inInts } from './sql.ts';
import { T } from './tables.ts';

/** Newest change time per object, keyed `"<objectType>:<dbid>"` (see lastModifiedKey). */
export type LastModifiedIndex = ReadonlyMap<string, string>;

export function lastModifiedKey(objectType: number, dbid: number): string {
  return `${objectType}:${dbid}`;
}

/** One grouped pass over the history (bounded by its expiry) for every object of the given types. */
export async function readLastModified(
  client: QueryClient,
  objectTypes: readonly number[],
): Promise<Map<string, string>> {
  const { rows } = await client.query<{ object_type: number; object_dbid: number; t: string }>(
    `SELECT CAST(object_type AS INT) AS object_type, CAST(object_dbid AS INT) AS object_dbid,
            ${client.dialect.isoUtc('max(change_time)')} AS t
       FROM ${T.history} WHERE ${inInts('object_type', objectTypes)}
      GROUP BY object_type, object_dbid`,
  );
  return new Map(rows.map((r) => [lastModifiedKey(r.object_type, r.object_dbid), r.t]));
}

/** Newest change time of one object (the reference's query), or null. */
export async function readLastModifiedOf(
  client: QueryClient,
  objectType: number,
  dbid: number,
): Promise<string | null> {
  const { rows } = await client.query<{ t: string | null }>(
    `SELECT ${client.dialect.isoUtc('max(change_time)')} AS t FROM ${T.history}
      WHERE object_type = $1 AND object_dbid = $2`,
    [objectType, dbid],
  );
  return rows[0]?.t ?? null;
}

/** The current end of the history: a cursor that sees only changes made after this call. */
export async function readHistoryCursor(client: QueryClient): Promise<ChangeCursor> {
  const { rows } = await client.query<{ id: number | null }>(
    `SELECT CAST(max(id) AS FLOAT) AS id FROM ${T.history}`,
  );
  return { historyId: rows[0]?.id ?? 0 };
}

interface HistoryRow {
  id: number;
  operation_type: number;
  object_type: number;
  object_dbid: number;
  tenant_dbid: number | null;
  t: string;
}

/**
 * History records after `cursor`, oldest first, at most `limit` (the caller polls again while
 * `changes.length === limit`). An index range scan: no object table is touched.
 */
export async function readChangesSince(
  client: QueryClient,
  cursor: ChangeCursor,
  limit = 1000,
): Promise<ChangesSince> {
  const { rows } = await client.query<HistoryRow>(
    `SELECT CAST(id AS FLOAT) AS id, CAST(operation_type AS INT) AS operation_type,
            CAST(object_type AS INT) AS object_type, CAST(object_dbid AS INT) AS object_dbid,
            CAST(tenant_dbid AS INT) AS tenant_dbid, ${client.dialect.isoUtc('change_time')} AS t
       FROM ${T.history} WHERE id > $1 ORDER BY id OFFSET 0 ROWS FETCH NEXT ${Math.max(1, Math.trunc(limit))} ROWS ONLY`,
    [cursor.historyId],
  );
  const changes = rows.map((r) => ({
    historyId: r.id,
    operation: historyOperationName(r.operation_type) ?? 'change',
    objectType: objectTypeName(r.object_type) ?? ('Unknown' as const),
    objectTypeCode: r.object_type,
    dbid: r.object_dbid,
    tenantDbid: r.tenant_dbid,
    changedAt: r.t,
  }));
  const last = changes.at(-1);
  return { cursor: last ? { historyId: last.historyId } : cursor, changes };
}
