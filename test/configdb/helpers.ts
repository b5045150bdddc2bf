// A private PostgreSQL database per suite, with the lab Config DB seeded into it.
import { createTestDatabase } from '../harness/index.ts';
import { openConfigDbUrl, type ConfigDbConnection } from '../../src/engage/configdb/index.ts';
import { seedLabConfigDb, type SeedOptions } from '../../src/lab/engage/configdb/index.ts';

export interface SeededDb {
  url: string;
  db: ConfigDbConnection;
  close(): Promise<void>;
}

export async function seededDatabase(suite: string, options: Partial<SeedOptions> = {}): Promise<SeededDb> {
  const tdb = await createTestDatabase(suite);
  const db = openConfigDbUrl(tdb.url, { poolSize: 4 });
  await seedLabConfigDb(db.client, { agents: 60, seed: 7, ...options });
  return {
    url: tdb.url,
    db,
    async close() {
      await db.close();
      await tdb.drop();
    },
  };
}
