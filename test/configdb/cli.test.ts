// `exec-connector lab engage configdb` against a real PostgreSQL: fills it, refuses to fill twice,
// rejects bad options with exit code 2.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { openConfigDbUrl, readSnapshot } from '../../src/engage/configdb/index.ts';
import { createTestDatabase, type TestDatabase } from '../harness/index.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('lab engage configdb command', () => {
  let tdb: TestDatabase;
  before(async () => {
    tdb = await createTestDatabase('cfg_cli');
  });
  after(() => tdb.drop());

  it('creates the schema and fills it, with --cloud-url in the transaction', async () => {
    const c = capture();
    const code = await main(
      [
        'lab',
        'engage',
        'configdb',
        '--agents',
        '25',
        '--seed',
        '3',
        '--database-url',
        tdb.url,
        '--cloud-url',
        'http://127.0.0.1:3999',
      ],
      c.io,
    );
    assert.equal(code, 0, c.err.join('\n'));
    assert.match(c.out.join('\n'), /schema created\) seeded in \d+ ms: \d+ persons/);
    const conn = openConfigDbUrl(tdb.url);
    try {
      const s = await readSnapshot(conn.client);
      assert.equal(s.persons.filter((p) => p.isAgent).length, 25);
      assert.equal(s.hybridIntegration?.sections.general?.base_service_url, 'http://127.0.0.1:3999');
    } finally {
      await conn.close();
    }
  });

  it('refuses a database that already holds data (exit 1), and re-seeds with --reset', async () => {
    const c = capture();
    assert.equal(
      await main(['lab', 'engage', 'configdb', '--agents', '5', '--database-url', tdb.url], c.io),
      1,
    );
    assert.match(c.err.join('\n'), /already holds data.*--reset/);
    const r = capture();
    assert.equal(
      await main(['lab', 'engage', 'configdb', '--agents', '5', '--database-url', tdb.url, '--reset'], r.io),
      0,
    );
    assert.match(r.out.join('\n'), /schema created/);
  });

  for (const args of [
    ['--agents', 'many'],
    ['--agents', '0'],
    ['--agents', '5', '--cloud-url', 'ftp://x'],
    [],
  ]) {
    it(`rejects ${args.join(' ') || 'a missing --agents'} as a usage error`, async () => {
      const c = capture();
      assert.equal(await main(['lab', 'engage', 'configdb', ...args, '--database-url', tdb.url], c.io), 2);
      assert.ok(c.err.length > 0);
    });
  }

  it('says clearly when the database cannot be reached, without the password', async () => {
    const c = capture();
    const code = await main(
      [
        'lab',
        'engage',
        'configdb',
        '--agents',
        '5',
        '--database-url',
        'postgresql://u:s3cret@127.0.0.1:1/none',
      ],
      c.io,
    );
    assert.equal(code, 1);
    assert.match(
      c.err.join('\n'),
      /cannot open the Config DB at postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/none/,
    );
    assert.ok(!c.err.join('\n').includes('s3cret'));
  });
});
