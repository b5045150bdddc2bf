// The dialect seam: the one place that turns Config DB settings into a client. PostgreSQL is built
// and tested; Oracle and MS SQL are answered here, at start-up, with a clear "not supported yet".
// Adding one means: a driver adapter to ConfigDbClient, and SQL variants where PostgreSQL syntax is
// used (ANY($n::int[]), to_char, recursive CTE spelling), selected by `settings.type`.
import pg from 'pg';
import { ConfigError } from '../../core/errors.ts';
import { fromPg, type ConfigDbClient } from './client.ts';
import type { ConfigDbSettings, ConfigDbType } from './settings.ts';

export const SUPPORTED_DIALECTS: readonly ConfigDbType[] = ['postgresql'];

/** Throws a ConfigError naming EXCS_CONFIG_DB_TYPE when the dialect is not built yet. */
export function assertSupportedDialect(type: ConfigDbType): void {
  if (!SUPPORTED_DIALECTS.includes(type)) {
    throw new ConfigError('Config DB type not supported', [
      `EXCS_CONFIG_DB_TYPE: "${type}" is not supported yet (supported: ${SUPPORTED_DIALECTS.join(', ')})`,
    ]);
  }
}

export interface ConfigDbConnection {
  client: ConfigDbClient;
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
  const pool = new pg.Pool({
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    ssl: settings.ssl ? { rejectUnauthorized: false } : false,
    max: options.poolSize ?? 2,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'exec-connector-excs',
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    client: fromPg(pool),
    description: `${settings.type} ${settings.user}@${settings.host}:${settings.port}/${settings.database}${settings.ssl ? ' (SSL)' : ''}`,
    close: () => pool.end(),
  };
}

/** A pg connection string (lab, tests, the demo) as a ConfigDbConnection. */
export function openConfigDbUrl(url: string, options: OpenOptions = {}): ConfigDbConnection {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 2 });
  pool.on('error', () => undefined);
  const u = new URL(url);
  return {
    client: fromPg(pool),
    description: `postgresql ${u.username}@${u.hostname}:${u.port}${u.pathname}`,
    close: () => pool.end(),
  };
}
