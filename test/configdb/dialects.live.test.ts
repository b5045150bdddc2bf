// The reader's contract on a live Oracle or MS SQL server: the same seeded contact center (two tenants)
// loaded there and in PostgreSQL reads to the same snapshot, filtered or not, and the same change feed.
// Runs when ORACLE_URL (oracle://user:pw@host:1521/SERVICE) or MSSQL_URL (mssql://user:pw@host:1433/DB)
// is given; skipped otherwise, saying why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  openConfigDbUrl,
  readChangesSince,
  readSnapshot,
  type ConfigDbConnection,
  type EngageSnapshot,
  type ReadSnapshotOptions,
} from '../../src/engage/configdb/index.ts';
import { seedOtherDialect, type OtherDialect } from '../../src/lab/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

const SEED = { agents: 20, seed: 11, secondTenant: true, badData: true };
const comparable = (s: EngageSnapshot) => ({ ...s, readAt: '', cursor: { historyId: 0 } });

for (const [type, variable] of [
  ['oracle', 'ORACLE_URL'],
  ['mssql', 'MSSQL_URL'],
] as [OtherDialect, string][]) {
  const url = process.env[variable];
  describe(
    `reader contract on a live ${type} server`,
    { skip: url ? false : `${variable} is not set: no live ${type} server to run the contract against` },
    () => {
      let pg: SeededDb;
      let other: ConfigDbConnection;
      before(async () => {
        pg = await seededDatabase(`cfg_live_${type}`, SEED);
        other = openConfigDbUrl(url ?? '', { poolSize: 2, connectTimeoutMs: 20_000 });
        await seedOtherDialect(other.client, type, SEED);
      });
      after(async () => {
        await other?.close();
        await pg?.close();
      });

      const cases: [string, ReadSnapshotOptions][] = [
        ['everything', {}],
        ['the first tenant, by name', { tenant: 'Environment' }],
        ['tenant B, by DBID', { tenant: '2' }],
        ['folder filter EX_EVOLUTION in tenant 1', { tenant: '1', folderFilter: ['EX_EVOLUTION'] }],
      ];
      for (const [what, options] of cases) {
        it(`the same snapshot as PostgreSQL: ${what}`, async () => {
          const want = await readSnapshot(pg.db.client, options);
          const got = await readSnapshot(other.client, options);
          assert.ok(want.persons.length > 0);
          assert.deepEqual(comparable(got), comparable(want));
        });
      }

      it('the same change feed, paged', async () => {
        const want = await readChangesSince(pg.db.client, { historyId: 0 }, 7);
        const got = await readChangesSince(other.client, { historyId: 0 }, 7);
        const strip = (c: typeof want) => c.changes.map(({ historyId: _, ...rest }) => rest);
        assert.equal(got.changes.length, 7);
        assert.deepEqual(strip(got), strip(want));
      });

      it('a health ping', async () => {
        await other.ping();
      });
    },
  );
}
