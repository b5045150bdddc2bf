// The same SQL on embedded PGlite: seeded the same way, the reader returns the very same model as
// on a real PostgreSQL; served over the wire protocol (pglite-socket), pg clients read it too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  openConfigDbUrl,
  readChangesSince,
  readSnapshot,
  type EngageSnapshot,
} from '../../src/engage/configdb/index.ts';
import {
  openLabDatabase,
  seedLabConfigDb,
  serveEmbedded,
  setPersonState,
  type LabDatabase,
} from '../../src/lab/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

const OPTIONS = { agents: 50, seed: 21, nameClashes: true, badData: true };
const comparable = (s: EngageSnapshot) => ({ ...s, readAt: '' });

describe('lab Config DB on PGlite', () => {
  let lite: LabDatabase;
  let real: SeededDb;
  before(async () => {
    lite = await openLabDatabase();
    await seedLabConfigDb(lite.client, OPTIONS);
    real = await seededDatabase('cfg_pglite', OPTIONS);
  });
  after(async () => {
    await lite.close();
    await real.close();
  });

  it('reads the same snapshot as PostgreSQL, filtered or not', async () => {
    assert.equal(lite.kind, 'pglite');
    for (const folderFilter of [null, ['EX_EVOLUTION']]) {
      const a = await readSnapshot(lite.client, { folderFilter });
      const b = await readSnapshot(real.db.client, { folderFilter });
      assert.ok(a.persons.length > 0);
      assert.deepEqual(comparable(a), comparable(b));
    }
  });

  it('serves it over the Postgres wire protocol with several client connections', async () => {
    const server = await serveEmbedded(lite.pglite!, { port: 0, maxConnections: 4 });
    const conn = openConfigDbUrl(server.url, { poolSize: 2 });
    try {
      const direct = await readSnapshot(lite.client);
      const [viaSocket, again] = await Promise.all([readSnapshot(conn.client), readSnapshot(conn.client)]);
      assert.deepEqual(comparable(viaSocket), comparable(direct));
      assert.deepEqual(comparable(again), comparable(direct));
      await setPersonState(conn.client, 1001, 'disabled');
      const feed = await readChangesSince(conn.client, direct.cursor);
      assert.deepEqual(
        feed.changes.map((c) => `${c.operation} ${c.objectType} ${c.dbid}`),
        ['change Person 1001'],
      );
    } finally {
      await conn.close();
      await server.stop();
    }
  });
});
