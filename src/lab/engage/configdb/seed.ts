// Fills the lab Config DB with the seeded contact center: schema when absent, bulk inserts in one
// transaction, then the DBID sequences moved past the seeded rows so the mutator never re-uses one.
import type { ConfigDbClient, QueryClient } from '../../../engage/configdb/client.ts';
import { buildContactCenter } from './contactCenter.ts';
import type { SeedOptions } from './constants.ts';
import type { Dataset, Row } from './dataset.ts';
import { ensureSchema } from './database.ts';
import { dbidSequence, SCHEMA_STATEMENTS } from './schema.ts';

export interface SeedResult {
  schema: 'created' | 'present';
  counts: Record<string, number>;
}

const SEQUENCED = new Set(
  SCHEMA_STATEMENTS.flatMap((s) => /^CREATE SEQUENCE (\w+)_dbid_seq/.exec(s)?.[1] ?? []),
);
const MAX_PARAMS = 30_000;

export class AlreadySeededError extends Error {
  override readonly name = 'AlreadySeededError';
}

/**
 * Creates the schema when absent and fills it. A database that already holds a tenant is left
 * alone (AlreadySeededError) unless `reset` is set, which drops and re-creates the lab tables.
 */
export async function seedLabConfigDb(
  client: ConfigDbClient,
  options: Partial<SeedOptions> & { reset?: boolean } = {},
): Promise<SeedResult> {
  const schema = await ensureSchema(client, { reset: options.reset === true });
  const data = buildContactCenter(options);
  const counts: Record<string, number> = {};
  await client.transaction('read-write', async (tx) => {
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM cfg_tenant');
    if ((rows[0]?.n ?? 0) > 0) {
      throw new AlreadySeededError(
        'the lab Config DB already holds data (use --reset to drop and re-seed it)',
      );
    }
    for (const [table, tableRows] of data) {
      await insertRows(tx, table, tableRows);
      counts[table] = tableRows.length;
    }
    await advanceSequences(tx, data);
  });
  return { schema, counts };
}

export async function insertRows(tx: QueryClient, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const perBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const params: unknown[] = [];
    const tuples = batch.map((r) => {
      const marks = columns.map((c) => {
        params.push(r[c] ?? null);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

async function advanceSequences(tx: QueryClient, data: Dataset): Promise<void> {
  for (const table of SEQUENCED) {
    const max = Math.max(0, ...(data.get(table) ?? []).map((r) => Number(r.dbid ?? 0)));
    // Start well past the seeded range so that created objects are easy to tell apart in tests.
    await tx.query(`SELECT setval('${dbidSequence(table)}', $1)`, [Math.max(max, 1) + 1000]);
  }
}
