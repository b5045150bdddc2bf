// The one seam between the reader and a database driver: a query function and a transaction runner.
// pg (a real server, or PGlite behind pglite-socket) and in-process PGlite are adapted here (Oracle and
// MS SQL in oracle.ts and mssql.ts), so every query file is written once against `QueryClient`.
import type pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { POSTGRESQL, type SqlDialect } from './sql.ts';

export interface QueryClient {
  /** Which SQL this client speaks; queries are written with `$1…` and portable SQL (sql.ts). */
  readonly dialect: SqlDialect;
  query<R>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

export type TransactionMode = 'read-only-snapshot' | 'read-write';

export interface ConfigDbClient extends QueryClient {
  /** Runs `fn` on one connection inside one transaction; REPEATABLE READ READ ONLY for snapshots. */
  transaction<T>(mode: TransactionMode, fn: (tx: QueryClient) => Promise<T>): Promise<T>;
}

const BEGIN: Record<TransactionMode, string> = {
  'read-only-snapshot': 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  'read-write': 'BEGIN',
};

type PgQueryable = Pick<pg.ClientBase, 'query'>;

function pgQuery(c: PgQueryable): QueryClient['query'] {
  return async <R>(sql: string, params?: readonly unknown[]) => {
    const res = await c.query(sql, params as unknown[] | undefined);
    return { rows: res.rows as R[] };
  };
}

async function inPgTransaction<T>(
  c: PgQueryable,
  mode: TransactionMode,
  fn: (tx: QueryClient) => Promise<T>,
): Promise<T> {
  await c.query(BEGIN[mode]);
  try {
    const out = await fn({ dialect: POSTGRESQL, query: pgQuery(c) });
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** A pg Pool (a connection per transaction) or a single connected Client. */
export function fromPg(db: pg.Pool | pg.ClientBase): ConfigDbClient {
  const isPool = 'totalCount' in db;
  return {
    dialect: POSTGRESQL,
    query: pgQuery(db),
    async transaction(mode, fn) {
      if (!isPool) return inPgTransaction(db, mode, fn);
      const conn = await (db as pg.Pool).connect();
      try {
        return await inPgTransaction(conn, mode, fn);
      } finally {
        conn.release();
      }
    },
  };
}

function pgliteQuery(db: PGlite | Transaction): QueryClient['query'] {
  return async <R>(sql: string, params?: readonly unknown[]) => {
    const res = await db.query<R>(sql, params as unknown[] | undefined);
    return { rows: res.rows };
  };
}

/** In-process PGlite: its own transaction() keeps other callers out until the transaction ends. */
export function fromPglite(db: PGlite): ConfigDbClient {
  return {
    dialect: POSTGRESQL,
    query: pgliteQuery(db),
    transaction(mode, fn) {
      return db.transaction(async (tx) => {
        if (mode === 'read-only-snapshot') {
          await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        }
        return fn({ dialect: POSTGRESQL, query: pgliteQuery(tx) });
      });
    },
  };
}
