// Seed 003 "Person Details" and "Roles", as tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngagePerson } from '../model.ts';
import { ruleOptions } from './options.ts';
import { displayNameOf, externalIdOf, isSkipped, mapUser, roleClassOf, userNameOf } from './users.ts';
import { engagePerson } from './test-fixtures.ts';

const person = (o: Partial<EngagePerson> = {}): EngagePerson =>
  engagePerson(101, { userName: 'jdoe', firstName: 'John', lastName: 'Doe', ...o });

test('userName: the first valid e-mail among User Name, Employee ID, E-Mail', () => {
  const table: [string, string, string, string | undefined][] = [
    // User Name         Employee ID          E-Mail               → userName
    ['ann@corp.com', 'bob@corp.com', 'cat@corp.com', 'ann@corp.com'],
    ['ann', 'bob@corp.com', 'cat@corp.com', 'bob@corp.com'],
    ['ann', 'E1234', 'cat@corp.com', 'cat@corp.com'],
    ['ann', 'E1234', '', undefined],
    ['ann@corp', 'E 1@x.y', 'c@@x.com', undefined],
    ['  ann@corp.com ', '', '', 'ann@corp.com'],
  ];
  for (const [userName, employeeId, email, want] of table) {
    assert.equal(userNameOf({ userName, employeeId, email }), want, `${userName} / ${employeeId} / ${email}`);
  }
});

test('displayName: "First Last", else the User Name', () => {
  const table: [string, string, string, string][] = [
    ['John', 'Doe', 'jdoe', 'John Doe'],
    ['', '', 'jdoe', 'jdoe'],
    ['John', '', 'jdoe', 'John'],
    ['', 'Doe', 'jdoe', 'Doe'],
  ];
  for (const [firstName, lastName, userName, want] of table) {
    assert.equal(displayNameOf({ firstName, lastName, userName }), want);
  }
});

test('externalId is <DBID>_<username>', () => {
  assert.equal(externalIdOf({ dbid: 4711, userName: 'jdoe' }), '4711_jdoe');
});

test('role class: non-agent / agent / supervisor', () => {
  const table: [boolean, string, string][] = [
    [false, '', 'nonagent'],
    [false, 'Supervisor', 'nonagent'],
    [true, '', 'agent'],
    [true, 'agent', 'agent'],
    [true, 'agent,Supervisor', 'supervisor'],
    [true, ' agent , supervisor ', 'supervisor'],
    [true, 'supervisors', 'agent'],
  ];
  for (const [isAgent, htccRoles, want] of table) assert.equal(roleClassOf({ isAgent, htccRoles }), want);
});

test('roles: the seeds defaults, overridable by the hybrid_integration transaction', () => {
  const defaults = ruleOptions({}, {});
  const table: [Partial<EngagePerson>, string[]][] = [
    [{ isAgent: false }, ['Employee']],
    [{ isAgent: true }, ['Employee', 'User']],
    [{ isAgent: true, htccRoles: 'supervisor' }, ['Employee', 'User', 'Supervisor']],
  ];
  for (const [p, want] of table) {
    const u = mapUser(person({ userName: 'a@b.co', ...p }), defaults, []);
    assert.ok(!isSkipped(u));
    assert.deepEqual(u.roles, want);
  }
  const custom = ruleOptions(
    {},
    { config_sync: { agent_role_names: 'Agent, WFM Agent', supervisor_role_names: 'Lead' } },
  );
  const a = mapUser(person({ userName: 'a@b.co' }), custom, []);
  assert.ok(!isSkipped(a));
  assert.deepEqual(a.roles, ['Agent', 'WFM Agent']);
  assert.deepEqual(custom.roles.supervisor, ['Lead']);
  assert.deepEqual(custom.roles.nonagent, ['Employee']);
});

test('a person without a valid e-mail is skipped with the reason', () => {
  const u = mapUser(person({ dbid: 7, userName: 'nomail' }), ruleOptions({}, {}), []);
  assert.ok(isSkipped(u));
  assert.equal(u.dbid, 7);
  assert.equal(u.name, 'nomail');
  assert.match(u.reason, /no valid e-mail/);
});

test('a mapped user carries every field of the seeds table', () => {
  const u = mapUser(
    person({ dbid: 9, userName: 'jdoe', employeeId: 'E9', email: 'jd@corp.com', enabled: false }),
    ruleOptions({}, {}),
    [{ name: 'Sales', proficiency: 2.5 }],
  );
  assert.deepEqual(u, {
    personDbid: 9,
    userName: 'jd@corp.com',
    displayName: 'John Doe',
    email: 'jd@corp.com',
    externalId: '9_jdoe',
    active: false,
    division: 'Home',
    roleClass: 'agent',
    roles: ['Employee', 'User'],
    skills: [{ name: 'Sales', proficiency: 2.5 }],
    engageUserName: 'jdoe',
    employeeId: 'E9',
    isAgent: true,
    logins: [],
  });
});
