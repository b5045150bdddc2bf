// The dialect seam: the one place that turns Config DB settings into a client. PostgreSQL (pg), Oracle
// (oracledb, Thin mode) and MS SQL (mssql/tedious); the Oracle and MS SQL drivers are loaded only when
// chosen, on the first query. The SQL itself is portable; what differs is answered in sql.ts.
import pg from 'pg';
import { ConfigError } from '../../core/errors.ts';
import { fromPg, type ConfigDbClient } from './client.ts';
import { mssqlClient } from './mssql.ts';
import { oracleClient } from './oracle.ts';
import { DIALECTS } from './sql.ts';
import type { ConfigDbSettings, ConfigDbType } from './settings.ts';

export const SUPPORTED_DIALECTS: readonly ConfigDbType[] = ['postgresql', 'oracle', 'mssql'];

/** Throws a ConfigError naming EXCS_CONFIG_DB_TYPE when the type is not one the reader speaks. */
export function assertSupportedDialect(type: string): asserts type is ConfigDbType {
  if (!(SUPPORTED_DIALECTS as readonly string[]).includes(type)) {
    throw new ConfigError('Config DB type not supported', [
      `EXCS_CONFIG_DB_TYPE: "${type}" is not supported (supported: ${SUPPORTED_DIALECTS.join(', ')})`,
    ]);
  }
}

export interface ConfigDbConnection {
  client: ConfigDbClient;
  /** The cheapest round trip in the client's dialect (health checks). */
  ping(): Promise<void>;
  /** "postgresql user@host:port/name": for logs; never the password. */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Connections in the pool. Keep small against the embedded lab DB (pglite-socket serialises). */
  poolSize?: number;
  connectTimeoutMs?: number;
}

export function openConfigDb(settings: ConfigDbSettings, options: OpenOptions = {}): ConfigDbConnection {
  assertSupportedDialect(settings.type);
  const description = `${settings.type} ${settings.user}@${settings.host}:${settings.port}/${settings.database}${settings.ssl ? ' (SSL)' : ''}`;
  const poolSize = options.poolSize ?? 2;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  if (settings.type === 'oracle') {
    const o = oracleClient({
      user: settings.user,
      password: settings.password,
      connectString: `${settings.ssl ? 'tcps://' : ''}${settings.host}:${settings.port}/${settings.database}`,
      poolSize,
      connectTimeoutMs,
    });
    return { ...o, description, ping: () => ping(o.client) };
  }
  if (settings.type === 'mssql') {
    const m = mssqlClient({
      server: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password,
      database: settings.database,
      encrypt: settings.ssl,
      poolSize,
      connectTimeoutMs,
    });
    return { ...m, description, ping: () => ping(m.client) };
  }
  const pool = new pg.Pool({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    ssl: settings.ssl ? { rejectUnauthorized: false } : false,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'exec-connector-excs',
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const client = fromPg(pool);
  return { client, description, close: () => pool.end(), ping: () => ping(client) };
}

async function ping(client: ConfigDbClient): Promise<void> {
  await client.query(DIALECTS[client.dialect.type].ping);
}

const URL_TYPES: Record<string, ConfigDbType> = {
  'postgres:': 'postgresql',
  'postgresql:': 'postgresql',
  'oracle:': 'oracle',
  'mssql:': 'mssql',
  'sqlserver:': 'mssql',
};

/**
 * A connection URL (lab, tests, the demo) as a ConfigDbConnection: `postgres://…` as pg reads it;
 * `oracle://user:pw@host:1521/SERVICE` and `mssql://user:pw@host:1433/DB` (`?ssl=true` for TLS).
 */
export function openConfigDbUrl(url: string, options: OpenOptions = {}): ConfigDbConnection {
  const u = new URL(url);
  const type = URL_TYPES[u.protocol];
  if (type === undefined) {
    throw new ConfigError('Config DB URL not understood', [
      `${u.protocol}//${u.host}: not a postgres://, oracle:// or mssql:// URL`,
    ]);
  }
  if (type !== 'postgresql') {
    return openConfigDb(
      {
        type,
        host: u.hostname,
        port: Number(u.port || (type === 'oracle' ? 1521 : 1433)),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: decodeURIComponent(u.pathname.replace(/^\//, '')),
        ssl: u.searchParams.get('ssl') === 'true',
      },
      options,
    );
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 2 });
  pool.on('error', () => undefined);
  const client = fromPg(pool);
  return {
    client,
    description: `postgresql ${u.username}@${u.hostname}:${u.port}${u.pathname}`,
    close: () => pool.end(),
    ping: () => ping(client),
  };
}
