// The demo's Config DB component: embedded, served over the wire protocol, seeded with the demo's
// agents and the cloud URL of the emulator, and changed by the mutator while clients read it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openConfigDbUrl, readChangesSince, readSnapshot } from '../../src/engage/configdb/index.ts';
import { labConfigDbComponent } from '../../src/lab/engage/configdb/index.ts';
import { until } from '../harness/index.ts';

describe('lab Config DB demo component', () => {
  it('serves the seeded DB and makes changes that the change feed sees', async () => {
    const lines: string[] = [];
    const started = await labConfigDbComponent({ port: 0, mutateEverySeconds: 1 }).start({
      options: { agents: 20, caps: 0, changes: true, open: false },
      io: { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      urls: { cloud: 'http://127.0.0.1:3777' },
    });
    const conn = openConfigDbUrl(started.urls!.configdb!, { poolSize: 1 });
    try {
      const snap = await readSnapshot(conn.client);
      assert.equal(snap.persons.filter((p) => p.isAgent).length, 20);
      assert.equal(snap.hybridIntegration?.sections.general?.base_service_url, 'http://127.0.0.1:3777');
      await until(
        'a change in the Config DB history',
        async () => (await readChangesSince(conn.client, snap.cursor)).changes.length > 0,
        { timeoutMs: 10_000, intervalMs: 200 },
      ).catch((err: Error) => assert.fail(`${err.message}; log: ${lines.join(' | ')}`));
      assert.ok(lines.some((l) => l.startsWith('Config DB change: ')));
    } finally {
      await conn.close();
      await started.stop();
    }
  });
});
