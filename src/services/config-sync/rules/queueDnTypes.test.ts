// Queue DN types: Virtual Queue by default (seed 003); ACD Queue, Routing Queue and Routing Point when
// the hybrid_integration option lists them (seed 002); preflight warns about links to unmapped types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngageSnapshot } from '../model.ts';
import { preflight } from '../preflight/findings.ts';
import { buildDesired } from './buildDesired.ts';
import { ruleOptions } from './options.ts';
import { parseQueueDnTypes } from './queueDnTypes.ts';
import { engagePerson } from './test-fixtures.ts';

test("queue_dn_types: the seeds' names in any spelling; unknown ones reported; Virtual Queue by default", () => {
  const table: [string | undefined, number[], number][] = [
    [undefined, [5], 0],
    ['Virtual Queue', [5], 0],
    ['VirtualQueue, ACD Queue, routing_queue, Routing Point', [5, 3, 22, 4], 0],
    ['ACDQueue,ACDQueue , RP', [3, 4], 0],
    ['Extension, Routing Point', [4], 1],
    [' , ', [5], 0],
    ['Trunk', [5], 1],
  ];
  for (const [value, want, problemCount] of table) {
    const problems: string[] = [];
    assert.deepEqual(parseQueueDnTypes(value, problems), want, String(value));
    assert.equal(problems.length, problemCount, `${value}: ${problems.join('; ')}`);
  }
  const problems: string[] = [];
  parseQueueDnTypes('Trunk', problems);
  assert.match(
    problems[0]!,
    /^hybrid_integration queue_dn_types: "Trunk" is not a queue DN type \(expected Virtual Queue, ACD Queue, Routing Queue, Routing Point\)/,
  );
});

const snapshot = (): EngageSnapshot => ({
  tenant: { dbid: 1, name: 'Environment' },
  persons: [engagePerson(1), engagePerson(2)],
  skills: [],
  dns: [
    { dbid: 20, number: 'VQ_Sales', type: 5, switch: 'SW', enabled: true, folders: [] },
    { dbid: 21, number: 'RP_Billing', type: 4, switch: 'SW', enabled: true, folders: [] },
    { dbid: 22, number: 'ACD_Support', type: 3, switch: 'SW', enabled: true, folders: [] },
    { dbid: 23, number: '70001', type: 1, switch: 'SW', enabled: true, folders: [] },
  ],
  agentGroups: [
    { dbid: 30, name: 'AG_Sales', memberDbids: [1], wfmQueueNumber: 'VQ_Sales', folders: [] },
    { dbid: 31, name: 'AG_Billing', memberDbids: [2], wfmQueueNumber: 'RP_Billing', folders: [] },
  ],
  businessAttributes: [],
  places: [],
  transaction: {},
});

test('by default only Virtual Queues become queues; listed types join them, with their members', () => {
  const byDefault = buildDesired(snapshot(), ruleOptions({}, {})).desired.queues;
  assert.deepEqual(
    byDefault.map((q) => [q.number, q.memberDbids]),
    [['VQ_Sales', [1]]],
  );
  const tx = { config_sync: { queue_dn_types: 'Virtual Queue, Routing Point, ACD Queue' } };
  const listed = buildDesired(snapshot(), ruleOptions({}, tx)).desired.queues;
  assert.deepEqual(
    listed.map((q) => [q.number, q.name, q.memberDbids]),
    [
      ['VQ_Sales', 'VQ_Sales__SW__Engage-external', [1]],
      ['RP_Billing', 'RP_Billing__SW__Engage-external', [2]],
      ['ACD_Support', 'ACD_Support__SW__Engage-external', []],
    ],
  );
});

test('preflight warns when a group links to a DN of a type not mapped, instead of calling it dangling', () => {
  const f = preflight(snapshot(), ruleOptions({}, {}));
  const unmapped = f.filter((x) => x.code === 'unmapped-dn-type');
  assert.deepEqual(
    unmapped.map((x) => [x.severity, x.name]),
    [['warning', 'AG_Billing']],
  );
  assert.match(
    unmapped[0]!.message,
    /links to Routing Point "RP_Billing" on SW, a DN type not mapped to queues \(mapped: Virtual Queue\)/,
  );
  assert.ok(!f.some((x) => x.code === 'dangling-queue-link'));
  const mapped = preflight(snapshot(), ruleOptions({}, { general: { queue_dn_types: 'VQ, RP' } }));
  assert.deepEqual(
    mapped.filter((x) => x.code === 'unmapped-dn-type' || x.code === 'dangling-queue-link'),
    [],
  );
});
