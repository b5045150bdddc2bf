// Oracle Config DB through `oracledb` in Thin mode (pure JavaScript, no Instant Client). The driver is
// loaded on the first query, so a PostgreSQL site never loads it. Oracle answers unquoted column names
// in upper case: rows are given lower-case keys, as the reader's queries spell them.
import type OracleDB from 'oracledb';
import type { ConfigDbClient, QueryClient, TransactionMode } from './client.ts';
import { ORACLE } from './sql.ts';

type Oracle = typeof OracleDB;

export interface OracleTarget {
  user: string;
  password: string;
  /** `host:port/service`, or `tcps://host:port/service` for TLS. */
  connectString: string;
  poolSize: number;
  connectTimeoutMs: number;
}

let driver: Promise<Oracle> | undefined;

function loadDriver(): Promise<Oracle> {
  driver ??= import('oracledb').then((m) => {
    const d: Oracle = m.default;
    // Option values are text columns: CLOBs as strings, not Lob streams.
    d.fetchAsString = [d.CLOB];
    return d;
  });
  return driver;
}

function lowerKeys(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k.toLowerCase()] = v;
  return out;
}

function connQuery(d: Oracle, conn: OracleDB.Connection): QueryClient['query'] {
  return async <R>(sql: string, params: readonly unknown[] = []) => {
    const res = await conn.execute<Record<string, unknown>>(ORACLE.placeholders(sql), [...params], {
      outFormat: d.OUT_FORMAT_OBJECT,
    });
    return { rows: (res.rows ?? []).map(lowerKeys) as R[] };
  };
}

/** A pool created on first use; `close` ends it (or does nothing when never used). */
export function oracleClient(target: OracleTarget): { client: ConfigDbClient; close(): Promise<void> } {
  let pool: Promise<{ d: Oracle; pool: OracleDB.Pool }> | undefined;
  const open = () =>
    (pool ??= loadDriver()
      .then(async (d) => ({
        d,
        pool: await d.createPool({
          user: target.user,
          password: target.password,
          connectString: target.connectString,
          poolMin: 0,
          poolMax: target.poolSize,
          connectTimeout: Math.ceil(target.connectTimeoutMs / 1000),
        }),
      }))
      .catch((err: unknown) => {
        pool = undefined; // the next query tries again
        throw err;
      }));
  const withConnection = async <T>(fn: (d: Oracle, c: OracleDB.Connection) => Promise<T>): Promise<T> => {
    const { d, pool: p } = await open();
    const conn = await p.getConnection();
    try {
      return await fn(d, conn);
    } finally {
      await conn.close();
    }
  };
  const client: ConfigDbClient = {
    dialect: ORACLE,
    query: (sql, params) => withConnection((d, c) => connQuery(d, c)(sql, params)),
    transaction: <T>(mode: TransactionMode, fn: (tx: QueryClient) => Promise<T>) =>
      withConnection(async (d, conn) => {
        // READ ONLY: every query of the transaction sees the database as of its start.
        if (mode === 'read-only-snapshot') await conn.execute('SET TRANSACTION READ ONLY');
        try {
          const out = await fn({ dialect: ORACLE, query: connQuery(d, conn) });
          await conn.commit();
          return out;
        } catch (err) {
          await conn.rollback().catch(() => undefined);
          throw err;
        }
      }),
  };
  return {
    client,
    async close() {
      await (await pool?.catch(() => undefined))?.pool.close(0);
    },
  };
}
