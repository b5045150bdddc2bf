// Preflight: each problem the seeds tell operators to fix, from a small Engage snapshot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngageSnapshot } from '../model.ts';
import { ruleOptions } from '../rules/options.ts';
import { formatFindings, preflight } from './findings.ts';
import { engagePerson } from '../rules/test-fixtures.ts';

const person = engagePerson;
const base = (): EngageSnapshot => ({
  tenant: { dbid: 1, name: 'Environment' },
  persons: [person(1)],
  skills: [{ dbid: 10, name: 'Sales', folders: [] }],
  dns: [{ dbid: 20, number: 'VQ_Sales', type: 5, switch: 'SW', enabled: true, folders: [] }],
  agentGroups: [{ dbid: 30, name: 'AG', memberDbids: [1], wfmQueueNumber: 'VQ_Sales', folders: [] }],
  businessAttributes: [
    { dbid: 40, name: 'DispositionCode', type: 1, values: [{ dbid: 41, name: 'Resolved' }] },
  ],
  places: [],
  transaction: {},
});

test('a clean configuration has no findings', () => {
  assert.deepEqual(preflight(base(), ruleOptions({}, {})), []);
  assert.deepEqual(formatFindings([]), ['No problems found.']);
});

test('each problem gives its finding', () => {
  const rows: [string, (s: EngageSnapshot) => void, string[]][] = [
    [
      'persons clashing case-insensitively',
      (s) => s.persons.push(person(2, { userName: 'P1@corp.com' })),
      ['name-clash'],
    ],
    ['skills clashing', (s) => s.skills.push({ dbid: 11, name: 'sales', folders: [] }), ['name-clash']],
    [
      'VQs whose queue names clash (DN names differing by case on one switch)',
      (s) => {
        s.dns.push({ dbid: 21, number: 'vq_sales', type: 5, switch: 'SW', enabled: true, folders: [] });
        s.agentGroups.push({
          dbid: 31,
          name: 'AG2',
          memberDbids: [],
          wfmQueueNumber: 'vq_sales',
          folders: [],
        });
      },
      ['name-clash'],
    ],
    [
      'disposition values clashing across attributes; identical names are fine',
      (s) =>
        s.businessAttributes.push({
          dbid: 42,
          name: 'Billing',
          type: 1,
          htccContains: 'dispositions',
          values: [
            { dbid: 43, name: 'RESOLVED' },
            { dbid: 44, name: 'Resolved' },
          ],
        }),
      ['name-clash'],
    ],
    [
      'a person with no valid e-mail',
      (s) => s.persons.push(person(2, { userName: 'nomail' })),
      ['no-valid-email'],
    ],
    [
      'a supervisor not marked as agent',
      (s) => s.persons.push(person(2, { isAgent: false, htccRoles: 'supervisor' })),
      ['supervisor-not-agent'],
    ],
    [
      'a VQ with no linked group',
      (s) => s.dns.push({ dbid: 21, number: 'VQ_B', type: 5, switch: 'SW', enabled: true, folders: [] }),
      ['vq-without-group'],
    ],
    [
      'a group linking to a missing VQ',
      (s) =>
        s.agentGroups.push({
          dbid: 31,
          name: 'AG2',
          memberDbids: [],
          wfmQueueNumber: 'VQ_Nope',
          folders: [],
        }),
      ['dangling-queue-link'],
    ],
    [
      'a bare DN on two switches',
      (s) => s.dns.push({ dbid: 21, number: 'VQ_Sales', type: 5, switch: 'SW2', enabled: true, folders: [] }),
      ['ambiguous-queue-link'],
    ],
    [
      'a VAG script that does not parse',
      (s) =>
        s.agentGroups.push({
          dbid: 31,
          name: 'VAG',
          memberDbids: [],
          wfmQueueNumber: 'VQ_Sales',
          vagScript: 'Skill(',
          folders: [],
        }),
      ['bad-vag-script'],
    ],
  ];
  for (const [name, mutate, want] of rows) {
    const s = base();
    mutate(s);
    const f = preflight(s, ruleOptions({}, {}));
    assert.deepEqual(
      f.map((x) => x.code),
      want,
      name,
    );
    assert.ok(
      f.every((x) => x.message.length > 10),
      name,
    );
  }
});

test('reader findings (bad data in the Config DB) are passed through', () => {
  const f = preflight(base(), ruleOptions({}, {}), [
    {
      objectType: 'AgentGroup',
      dbid: 9,
      name: 'AG9',
      message: 'annex hybrid/WFM_queue_number is not a string',
    },
  ]);
  assert.deepEqual(
    f.map((x) => [x.code, x.dbid]),
    [['config-db', 9]],
  );
});

test('names Genesys Cloud refuses: blank, control characters (errors), very long (warning)', () => {
  const s = base();
  s.businessAttributes[0]?.values.push({ dbid: 42, name: '  ' }, { dbid: 43, name: 'Bell\u0007\u001b[2J' });
  s.skills.push({ dbid: 12, name: 'x'.repeat(300), folders: [] });
  s.persons.push(person(3, { firstName: 'Ann\u0000', lastName: 'Lee' }));
  const found = preflight(s, ruleOptions({}, {})).filter((f) => f.code === 'refused-name');
  assert.deepEqual(
    found.map((f) => [f.severity, f.objectType, f.dbid]),
    [
      ['error', 'Person', 3],
      ['warning', 'Skill', 12],
      ['error', 'BusinessAttributeValue', 42],
      ['error', 'BusinessAttributeValue', 43],
    ],
  );
  assert.match(found[2]?.message ?? '', /" {2}" \(DBID 42\) is blank/);
  for (const f of found) {
    const raw = [...(f.message + f.name)].some((c) => c.charCodeAt(0) < 32);
    assert.equal(raw, false, 'no raw control character');
  }
  assert.match(found[3]?.message ?? '', /Bell\\u0007\\u001b\[2J/);
});
