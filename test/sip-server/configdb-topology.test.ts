// The simulator on the lab Config DB's contact center: the topology read from a seeded Config DB plays
// every scenario consistently, with the agents config sync sees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readSnapshot } from '../../src/engage/configdb/index.ts';
import type { EngageSnapshot } from '../../src/engage/configdb/model.ts';
import { openLabDatabase, seedLabConfigDb, type LabDatabase } from '../../src/lab/engage/configdb/index.ts';
import {
  checkScenarioEvents,
  generateScenario,
  SCENARIO_NAMES,
} from '../../src/lab/engage/sip-server/index.ts';
import { topologyFromSnapshot } from '../../src/lab/engage/sip-server/topology-configdb.ts';

describe('SIP Server topology from the lab Config DB', () => {
  let db: LabDatabase;
  let snapshot: EngageSnapshot;
  before(async () => {
    db = await openLabDatabase();
    await seedLabConfigDb(db.client, { agents: 40, seed: 7 });
    snapshot = await readSnapshot(db.client);
  });
  after(async () => db?.close());

  it('takes agents, extensions, places and VQs from the Config DB', () => {
    const t = topologyFromSnapshot(snapshot);
    const employeeIds = new Set(snapshot.persons.map((p) => p.employeeId));
    const real = t.home.agents.filter((a) => employeeIds.has(a.employeeId));
    assert.ok(real.length >= 30, `${real.length} agents from the Config DB`);
    const vqNames = new Set(snapshot.dns.filter((d) => d.typeName === 'VirtACDQueue').map((d) => d.number));
    assert.ok(t.home.virtualQueues.length > 0 && t.home.virtualQueues.every((v) => vqNames.has(v)));
    const extensions = new Set(snapshot.dns.filter((d) => d.typeName === 'Extension').map((d) => d.number));
    assert.ok(real.every((a) => extensions.has(a.extension)));
  });

  it('marks agents outside the sync scope', () => {
    const t = topologyFromSnapshot(snapshot, { inScope: (p) => p.folderPath.includes('EX_EVOLUTION') });
    assert.ok(t.home.agents.some((a) => a.inScope) && t.home.agents.some((a) => !a.inScope));
  });

  it('plays every scenario consistently on it', () => {
    const topology = topologyFromSnapshot(snapshot);
    for (const name of SCENARIO_NAMES) {
      const r = generateScenario(name, {
        topology,
        startUs: 1e15,
        timeScale: 1,
        callIndex: 3,
        runTag: 'cfdb',
      });
      assert.deepEqual(checkScenarioEvents(r.events), [], name);
    }
  });

  it('says what the Config DB lacks', () => {
    assert.throws(() => topologyFromSnapshot({ ...snapshot, switches: [] }), /no switch/);
    assert.throws(() => topologyFromSnapshot({ ...snapshot, persons: [] }), /fewer than 3 in-scope agents/);
  });
});
