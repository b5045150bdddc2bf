// MS SQL Server Config DB through `mssql` (on `tedious`, pure JavaScript). The driver is loaded on the
// first query, so other sites never load it. Snapshots use SNAPSHOT isolation (the database must allow
// it: ALLOW_SNAPSHOT_ISOLATION ON), which reads one instant without blocking Configuration Server.
import type Mssql from 'mssql';
import type { ConfigDbClient, QueryClient, TransactionMode } from './client.ts';
import { MSSQL } from './sql.ts';

type Driver = typeof Mssql;

export interface MssqlTarget {
  server: string;
  port: number;
  user: string;
  password: string;
  database: string;
  encrypt: boolean;
  poolSize: number;
  connectTimeoutMs: number;
}

let driver: Promise<Driver> | undefined;

function loadDriver(): Promise<Driver> {
  driver ??= import('mssql').then((m) => m.default);
  return driver;
}

function requestQuery(newRequest: () => Mssql.Request): QueryClient['query'] {
  return async <R>(sql: string, params: readonly unknown[] = []) => {
    const req = newRequest();
    params.forEach((p, i) => req.input(`p${i + 1}`, p));
    const res = await req.query<R>(MSSQL.placeholders(sql));
    return { rows: [...res.recordset] };
  };
}

/** A pool connected on first use; `close` ends it (or does nothing when never used). */
export function mssqlClient(target: MssqlTarget): { client: ConfigDbClient; close(): Promise<void> } {
  let pool: Promise<{ d: Driver; pool: Mssql.ConnectionPool }> | undefined;
  const open = () =>
    (pool ??= loadDriver()
      .then(async (d) => {
        const p = new d.ConnectionPool({
          server: target.server,
          port: target.port,
          user: target.user,
          password: target.password,
          database: target.database,
          connectionTimeout: target.connectTimeoutMs,
          pool: { min: 0, max: target.poolSize },
          options: { encrypt: target.encrypt, trustServerCertificate: true },
        });
        // An idle connection dropped by the server must not crash the process.
        p.on('error', () => undefined);
        await p.connect();
        return { d, pool: p };
      })
      .catch((err: unknown) => {
        pool = undefined; // the next query tries again
        throw err;
      }));
  const client: ConfigDbClient = {
    dialect: MSSQL,
    async query(sql, params) {
      const { pool: p } = await open();
      return requestQuery(() => p.request())(sql, params);
    },
    async transaction<T>(mode: TransactionMode, fn: (tx: QueryClient) => Promise<T>): Promise<T> {
      const { d, pool: p } = await open();
      const tx = new d.Transaction(p);
      await tx.begin(
        mode === 'read-only-snapshot' ? d.ISOLATION_LEVEL.SNAPSHOT : d.ISOLATION_LEVEL.READ_COMMITTED,
      );
      try {
        const out = await fn({ dialect: MSSQL, query: requestQuery(() => new d.Request(tx)) });
        await tx.commit();
        return out;
      } catch (err) {
        await tx.rollback().catch(() => undefined);
        throw err;
      }
    },
  };
  return {
    client,
    async close() {
      await (await pool?.catch(() => undefined))?.pool.close();
    },
  };
}
