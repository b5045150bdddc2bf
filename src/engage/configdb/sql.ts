// The SQL the reader writes is portable (PostgreSQL, Oracle 12c+, MS SQL 2012+) except for what a
// dialect answers here: time formatting, "now", a statement without a table, and the placeholder
// spelling. Lists of DBIDs are inlined as integer literals (validated here), in chunks of 1000 because
// Oracle refuses longer IN lists; names never are (they travel as parameters).
import type { ConfigDbType } from './settings.ts';
import { T } from './tables.ts';

export interface SqlDialect {
  type: ConfigDbType;
  /** A UTC `timestamp` expression as ISO-8601 text with milliseconds and Z (drivers would apply local time). */
  isoUtc(expr: string): string;
  /** A statement returning the database's current UTC time as column `t` (ISO-8601). */
  nowUtc: string;
  /** The cheapest statement that proves the connection works. */
  ping: string;
  /** Our `$1, $2…` placeholders in the driver's spelling. */
  placeholders(sql: string): string;
}

const pgIso = (e: string): string => `to_char(${e}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// FF3 needs a TIMESTAMP; the CAST also accepts a DATE column.
const oracleIso = (e: string): string => `TO_CHAR(CAST(${e} AS TIMESTAMP), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"')`;
// 'T' is no .NET format specifier, so FORMAT copies it; NULL + 'Z' stays NULL.
const mssqlIso = (e: string): string => `(FORMAT(${e}, 'yyyy-MM-ddTHH:mm:ss.fff') + 'Z')`;

export const POSTGRESQL: SqlDialect = {
  type: 'postgresql',
  isoUtc: pgIso,
  nowUtc: `SELECT ${pgIso("(now() AT TIME ZONE 'UTC')")} AS t`,
  ping: 'SELECT 1 AS ok',
  placeholders: (sql) => sql,
};

export const ORACLE: SqlDialect = {
  type: 'oracle',
  isoUtc: oracleIso,
  nowUtc: `SELECT ${oracleIso('SYS_EXTRACT_UTC(SYSTIMESTAMP)')} AS t FROM dual`,
  ping: 'SELECT 1 AS ok FROM dual',
  placeholders: (sql) => sql.replace(/\$(\d+)/g, ':$1'),
};

export const MSSQL: SqlDialect = {
  type: 'mssql',
  isoUtc: mssqlIso,
  nowUtc: `SELECT ${mssqlIso('SYSUTCDATETIME()')} AS t`,
  ping: 'SELECT 1 AS ok',
  placeholders: (sql) => sql.replace(/\$(\d+)/g, '@p$1'),
};

export const DIALECTS: Readonly<Record<ConfigDbType, SqlDialect>> = {
  postgresql: POSTGRESQL,
  oracle: ORACLE,
  mssql: MSSQL,
};

/** What every filtered query of one pass is limited to. */
export interface ReadScope {
  /** The tenant of EXEC_TENANT_ID; null reads every tenant (lab tools). */
  tenantDbid: number | null;
  /** Folder DBIDs of the folder filter (with subfolders); null when filtering is off. */
  folders: readonly number[] | null;
}

export const UNSCOPED: ReadScope = { tenantDbid: null, folders: null };

function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer DBID: ${String(n)}`);
  return String(n);
}

/** `column IN (…)` over integer literals, chunked for Oracle; an empty list is false. */
export function inInts(column: string, ids: readonly number[]): string {
  if (ids.length === 0) return '1 = 0';
  const chunks: string[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    chunks.push(
      `${column} IN (${ids
        .slice(i, i + 1000)
        .map(int)
        .join(', ')})`,
    );
  }
  return chunks.length === 1 ? (chunks[0] as string) : `(${chunks.join(' OR ')})`;
}

/** ` AND <alias>.tenant_dbid = n`, or nothing when every tenant is read. */
export function tenantSql(alias: string, tenantDbid: number | null): string {
  return tenantDbid === null ? '' : ` AND ${alias}.tenant_dbid = ${int(tenantDbid)}`;
}

/** ` AND <alias>.dbid is in a scope folder`, or nothing when folder filtering is off. */
export function folderSql(alias: string, objectType: number, folders: readonly number[] | null): string {
  if (folders === null) return '';
  return ` AND ${alias}.dbid IN (SELECT fo.object_dbid FROM ${T.folderObj} fo
     WHERE fo.object_type = ${int(objectType)} AND ${inInts('fo.folder_dbid', folders)})`;
}

/** Tenant and folder conditions of an object read through `<alias>`. */
export function scopeSql(alias: string, objectType: number, scope: ReadScope): string {
  return tenantSql(alias, scope.tenantDbid) + folderSql(alias, objectType, scope.folders);
}
