// Opening the lab Config DB on a real PostgreSQL (pg) or in-process PGlite, creating the schema
// when absent, and serving an embedded one over the Postgres wire protocol (pglite-socket).
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { fromPg, fromPglite, type ConfigDbClient } from '../../../engage/configdb/client.ts';
import { SCHEMA_STATEMENTS, SCHEMA_TABLES, dbidSequence } from './schema.ts';

export interface LabDatabase {
  kind: 'postgresql' | 'pglite';
  client: ConfigDbClient;
  /** The in-process PGlite, when kind is 'pglite' (to serve it over a socket). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** A real server when `databaseUrl` is given, else a fresh in-memory PGlite. */
export async function openLabDatabase(databaseUrl?: string): Promise<LabDatabase> {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return { kind: 'postgresql', client: fromPg(pool), close: () => pool.end() };
  }
  const db = await PGlite.create();
  return { kind: 'pglite', client: fromPglite(db), pglite: db, close: () => db.close() };
}

export async function schemaExists(client: ConfigDbClient): Promise<boolean> {
  const { rows } = await client.query<{ t: string | null }>(`SELECT to_regclass('cfg_person')::text AS t`);
  return rows[0]?.t != null;
}

/** Creates the schema unless it is there; with `reset`, drops the lab tables first. */
export async function ensureSchema(
  client: ConfigDbClient,
  opts: { reset?: boolean } = {},
): Promise<'created' | 'present'> {
  return client.transaction('read-write', async (tx) => {
    if (opts.reset) {
      for (const t of SCHEMA_TABLES) {
        await tx.query(`DROP TABLE IF EXISTS ${t}`);
        await tx.query(`DROP SEQUENCE IF EXISTS ${dbidSequence(t)}`);
      }
    }
    const { rows } = await tx.query<{ t: string | null }>(`SELECT to_regclass('cfg_person')::text AS t`);
    if (rows[0]?.t != null) return 'present';
    for (const s of SCHEMA_STATEMENTS) await tx.query(s);
    return 'created';
  });
}

export interface EmbeddedServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves an in-process PGlite on host:port. pglite-socket multiplexes up to `maxConnections`
 * clients over PGlite's single connection and serialises whole transactions: keep pools small.
 */
export async function serveEmbedded(
  db: PGlite,
  opts: { port: number; host?: string; maxConnections?: number },
): Promise<EmbeddedServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({
    db,
    host,
    port: opts.port,
    maxConnections: opts.maxConnections ?? 8,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    port,
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    stop: () => server.stop(),
  };
}
