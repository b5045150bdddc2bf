// The rules composed: folder filtering, members only for mapped active users, extensions, skipped objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngagePerson, EngageSnapshot } from '../model.ts';
import { buildDesired } from './buildDesired.ts';
import { ruleOptions } from './options.ts';
import { engagePerson } from './test-fixtures.ts';

const person = (dbid: number, o: Partial<EngagePerson> = {}): EngagePerson =>
  engagePerson(dbid, { firstName: 'P', lastName: String(dbid), folders: ['Persons', 'EX_EVOLUTION'], ...o });

function snapshot(): EngageSnapshot {
  return {
    tenant: { dbid: 1, name: 'Environment' },
    persons: [
      person(1, { skills: [{ skillDbid: 11, name: 'Sales', level: 10 }], placeDbid: 50 }),
      person(2, {
        skills: [
          { skillDbid: 11, name: 'Sales', level: 5 },
          { skillDbid: 12, name: 'Other', level: 3 },
        ],
      }),
      person(3, { enabled: false }),
      person(4, { userName: 'nomail' }),
      person(5, { folders: ['Persons', 'Elsewhere'] }),
      person(6, { folders: ['EX_EVOLUTION', 'Sub', 'Deeper'] }),
    ],
    skills: [
      { dbid: 11, name: 'Sales', folders: ['EX_EVOLUTION'] },
      { dbid: 12, name: 'Other', folders: [] },
    ],
    dns: [
      { dbid: 20, number: 'VQ_Sales', type: 5, switch: 'SW', enabled: true, folders: ['EX_EVOLUTION'] },
      { dbid: 21, number: 'VQ_Out', type: 5, switch: 'SW', enabled: true, folders: ['Other'] },
      { dbid: 22, number: '5001', type: 1, switch: 'SW', enabled: true, folders: ['EX_EVOLUTION'] },
      { dbid: 23, number: '5002', type: 1, switch: 'SW', enabled: true, folders: [] },
    ],
    agentGroups: [
      {
        dbid: 30,
        name: 'AG',
        memberDbids: [1, 2, 3, 4, 5, 6],
        wfmQueueNumber: 'VQ_Sales',
        folders: ['EX_EVOLUTION'],
      },
      { dbid: 31, name: 'AG out', memberDbids: [1], wfmQueueNumber: 'VQ_Out', folders: ['EX_EVOLUTION'] },
    ],
    businessAttributes: [
      { dbid: 40, name: 'DispositionCode', type: 1, values: [{ dbid: 41, name: 'Done' }] },
    ],
    places: [{ dbid: 50, name: 'Place_5001', dnDbids: [22] }],
    transaction: {},
  };
}

const filtered = ruleOptions(
  {
    EXCS_SYNC_CUSTOMER_OBJECTS_ONLY: true,
    EXCS_SYNC_CUSTOMER_FOLDER_NAME: 'EX_EVOLUTION',
    TENANT_NAME: 't1',
  },
  {},
);

test('folder filtering selects persons, skills, DNs and groups in the folders, at any depth', () => {
  const { desired } = buildDesired(snapshot(), filtered);
  assert.deepEqual(
    desired.users.map((u) => u.personDbid),
    [1, 2, 3, 6],
  );
  assert.deepEqual(
    desired.skills.map((s) => s.name),
    ['Sales'],
  );
  assert.deepEqual(
    desired.queues.map((q) => q.name),
    ['VQ_Sales__SW__Engage-external'],
  );
  assert.deepEqual(desired.extensions, [
    { dbid: 22, number: '5001', switch: 'SW', place: 'Place_5001', agentDbid: 1 },
  ]);
  assert.deepEqual(desired.wrapupCodes, [{ name: 'Done' }]);
});

test('without filtering everything is in scope', () => {
  const { desired } = buildDesired(snapshot(), ruleOptions({}, {}));
  assert.deepEqual(
    desired.users.map((u) => u.personDbid),
    [1, 2, 3, 5, 6],
  );
  assert.equal(desired.queues.length, 2);
  assert.equal(desired.extensions.length, 2);
});

test('members: only persons mapped to active users; skills only those in scope, with proficiency', () => {
  const { desired } = buildDesired(snapshot(), filtered);
  const q = desired.queues[0];
  assert.deepEqual(q?.memberDbids, [1, 2, 6]);
  assert.equal(q?.peerId, '20');
  assert.equal(q?.description, 'Engage Reference: t1-SW-VQ_Sales;');
  assert.deepEqual(desired.users.find((u) => u.personDbid === 2)?.skills, [
    { name: 'Sales', proficiency: 5 },
  ]);
});

test('skipped: the person without e-mail and the group linking to an out-of-scope VQ', () => {
  const { desired } = buildDesired(snapshot(), filtered);
  assert.deepEqual(
    desired.skipped.map((s) => [s.type, s.dbid]),
    [
      ['user', 4],
      ['queueLink', 31],
    ],
  );
});
