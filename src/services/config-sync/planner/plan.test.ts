// The planner against the seeds' synchronization and deletion rules (seed 003, "Configuration Object
// Mapping Table" and "Deletion of the ACD queues and queue members"), one scenario per row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Desired, DesiredQueue, DesiredUser } from '../desired.ts';
import { DEFAULT_ROLES } from '../rules/options.ts';
import { buildPlan } from './plan.ts';
import { formatPlan } from './summary.ts';
import type { MappingState, OrgQueue, OrgUser, OrgView, Plan, PlanOp } from './types.ts';

const user = (dbid: number, o: Partial<DesiredUser> = {}): DesiredUser => ({
  personDbid: dbid,
  userName: `u${dbid}@corp.com`,
  displayName: `User ${dbid}`,
  externalId: `${dbid}_u${dbid}`,
  active: true,
  division: 'Home',
  roleClass: 'agent',
  roles: ['Employee', 'User'],
  skills: [{ name: 'Sales', proficiency: 2.5 }],
  engageUserName: `u${dbid}`,
  employeeId: '',
  isAgent: true,
  logins: [],
  ...o,
});
const queue = (dbid: number, members: number[], o: Partial<DesiredQueue> = {}): DesiredQueue => ({
  dnDbid: dbid,
  number: `VQ${dbid}`,
  switch: 'SW',
  name: `VQ${dbid}__SW__Engage-external`,
  description: `Engage Reference: t-SW-VQ${dbid};`,
  peerId: String(dbid),
  memberDbids: members,
  ...o,
});
const desired = (o: Partial<Desired> = {}): Desired => ({
  users: [user(1), user(2)],
  skills: [{ dbid: 10, name: 'Sales' }],
  queues: [queue(20, [1, 2])],
  wrapupCodes: [{ name: 'Done' }],
  extensions: [],
  source: { name: 'EX Engage Connector' },
  skipped: [],
  ...o,
});
const orgUser = (dbid: number, o: Partial<OrgUser> = {}): OrgUser => ({
  id: `cu${dbid}`,
  userName: `u${dbid}@corp.com`,
  displayName: `User ${dbid}`,
  externalId: `${dbid}_u${dbid}`,
  active: true,
  skills: [{ id: 'cs10', name: 'Sales', proficiency: 2.5 }],
  ...o,
});
const orgQueue = (dbid: number, members: string[], o: Partial<OrgQueue> = {}): OrgQueue => ({
  id: `cq${dbid}`,
  name: `VQ${dbid}__SW__Engage-external`,
  description: `Engage Reference: t-SW-VQ${dbid};`,
  peerId: String(dbid),
  memberIds: members,
  wrapupCodeIds: ['cw1'],
  ...o,
});
/** The org and the mapping store after a complete sync of `desired()`. */
const syncedOrg = (o: Partial<OrgView> = {}): OrgView => ({
  users: [orgUser(1), orgUser(2)],
  skills: [{ id: 'cs10', name: 'Sales' }],
  queues: [orgQueue(20, ['cu1', 'cu2'])],
  wrapupCodes: [{ id: 'cw1', name: 'Done' }],
  sources: [{ id: 'src', name: 'EX Engage Connector' }],
  roles: ['Employee', 'User', 'Supervisor'],
  ...o,
});
const syncedMapping = (o: Partial<MappingState> = {}): MappingState => ({
  users: new Map([
    [1, { cloudId: 'cu1', userName: 'u1@corp.com', roleClass: 'agent' }],
    [2, { cloudId: 'cu2', userName: 'u2@corp.com', roleClass: 'agent' }],
  ]),
  skills: new Map([[10, { cloudId: 'cs10', name: 'Sales' }]]),
  queues: new Map([[20, { cloudId: 'cq20', name: 'VQ20__SW__Engage-external' }]]),
  wrapupCodes: new Map([['Done', { cloudId: 'cw1' }]]),
  source: { cloudId: 'src', name: 'EX Engage Connector' },
  ...o,
});
const emptyMapping: MappingState = {
  users: new Map(),
  skills: new Map(),
  queues: new Map(),
  wrapupCodes: new Map(),
};
const emptyOrg: OrgView = {
  users: [],
  skills: [],
  queues: [],
  wrapupCodes: [],
  sources: [],
  roles: ['Employee', 'User', 'Supervisor'],
};

const plan = (d: Desired, m: MappingState, o: OrgView): Plan => buildPlan(d, m, o, DEFAULT_ROLES);
const kinds = (p: Plan): string[] => p.ops.map((o) => o.op);
const find = <K extends PlanOp['op']>(p: Plan, op: K): Extract<PlanOp, { op: K }> | undefined =>
  p.ops.find((o) => o.op === op) as Extract<PlanOp, { op: K }> | undefined;

test('first sync into an empty org creates everything, in dependency order', () => {
  const p = plan(desired(), emptyMapping, emptyOrg);
  assert.deepEqual(kinds(p), [
    'createSource',
    'createSkill',
    'createWrapupCode',
    'createQueue',
    'createUser',
    'createUser',
    'addMembers',
    'addQueueWrapupCodes',
  ]);
  assert.deepEqual(find(p, 'addMembers')?.personDbids, [1, 2]);
  assert.deepEqual(find(p, 'addQueueWrapupCodes')?.names, ['Done']);
  assert.deepEqual(find(p, 'createUser')?.roles, ['Employee', 'User']);
});

test('an org in sync gives an empty plan', () => {
  assert.deepEqual(plan(desired(), syncedMapping(), syncedOrg()).ops, []);
});

test('deletion and modification rules', async (t) => {
  const rows: [string, Desired, MappingState, OrgView, string[], (p: Plan) => void][] = [
    [
      'person deleted: user inactive and removed from every queue, never deleted',
      desired({ users: [user(1)], queues: [queue(20, [1])] }),
      syncedMapping(),
      syncedOrg(),
      ['deactivateUser', 'removeMembers'],
      (p) => assert.deepEqual(find(p, 'removeMembers')?.userIds, ['cu2']),
    ],
    [
      'person disabled: user inactive (State Enabled → active) and out of the queue',
      desired({ users: [user(1), user(2, { active: false })], queues: [queue(20, [1])] }),
      syncedMapping(),
      syncedOrg(),
      ['updateUser', 'removeMembers'],
      (p) => assert.deepEqual(find(p, 'updateUser')?.set, { active: false }),
    ],
    [
      're-created person (new DBID, same userName): the same user back to active with the new externalId',
      desired({
        users: [user(1), user(3, { userName: 'u2@corp.com', externalId: '3_u2', displayName: 'User 2' })],
        queues: [queue(20, [1, 3])],
      }),
      syncedMapping(),
      syncedOrg({ users: [orgUser(1), orgUser(2, { active: false })], queues: [orgQueue(20, ['cu1'])] }),
      ['linkUser', 'updateUser', 'addMembers'],
      (p) => {
        assert.deepEqual(find(p, 'linkUser')?.replaces, [2]);
        assert.deepEqual(find(p, 'updateUser')?.set, { active: true, externalId: '3_u2' });
        assert.deepEqual(find(p, 'addMembers')?.personDbids, [3]);
      },
    ],
    [
      'VQ deleted: queue kept, its members removed',
      desired({ queues: [] }),
      syncedMapping(),
      syncedOrg(),
      ['removeMembers', 'retireQueue'],
      (p) => assert.deepEqual(find(p, 'removeMembers')?.userIds, ['cu1', 'cu2']),
    ],
    [
      'skill and wrap-up code deleted in Engage: never deleted in the org',
      desired({ skills: [], wrapupCodes: [], users: [user(1, { skills: [] }), user(2, { skills: [] })] }),
      syncedMapping(),
      syncedOrg({ users: [orgUser(1, { skills: [] }), orgUser(2, { skills: [] })] }),
      [],
      () => undefined,
    ],
    [
      'objects deleted in the EX Org are not re-created while the mapping store remembers them',
      desired(),
      syncedMapping(),
      syncedOrg({
        users: [orgUser(1, { skills: [] })],
        queues: [],
        skills: [],
        wrapupCodes: [],
        sources: [],
      }),
      [],
      (p) =>
        assert.deepEqual(p.tombstones.map((t) => t.type).sort(), [
          'queue',
          'skill',
          'source',
          'user',
          'wrapupCode',
        ]),
    ],
    [
      'mapped fields changed in the EX Org are put back',
      desired(),
      syncedMapping(),
      syncedOrg({
        users: [
          orgUser(1, { displayName: 'Renamed', skills: [{ id: 'cs10', name: 'Sales', proficiency: 4 }] }),
          orgUser(2),
        ],
        queues: [orgQueue(20, ['cu1', 'cu2'], { description: 'edited' })],
      }),
      ['updateQueue', 'updateUser', 'setUserSkills'],
      (p) => {
        assert.deepEqual(find(p, 'updateUser')?.set, { displayName: 'User 1' });
        assert.deepEqual(find(p, 'updateQueue')?.set, { description: 'Engage Reference: t-SW-VQ20;' });
        assert.deepEqual(find(p, 'setUserSkills')?.skills, [{ name: 'Sales', proficiency: 2.5, id: 'cs10' }]);
      },
    ],
    [
      'fields the connector does not own are left alone (other skills, members, wrap-up codes)',
      desired(),
      syncedMapping(),
      syncedOrg({
        users: [
          orgUser(1, {
            skills: [
              { id: 'cs10', name: 'Sales', proficiency: 2.5 },
              { id: 'x', name: 'Manual', proficiency: 1 },
            ],
          }),
          orgUser(2),
        ],
        queues: [orgQueue(20, ['cu1', 'cu2', 'someone-else'], { wrapupCodeIds: ['cw1', 'other'] })],
      }),
      [],
      () => undefined,
    ],
    [
      'a skill added to an agent in the EX Org is removed again, the unmapped one kept',
      desired({
        skills: [
          { dbid: 10, name: 'Sales' },
          { dbid: 11, name: 'Billing' },
        ],
      }),
      syncedMapping({
        skills: new Map([
          [10, { cloudId: 'cs10', name: 'Sales' }],
          [11, { cloudId: 'cs11', name: 'Billing' }],
        ]),
      }),
      syncedOrg({
        skills: [
          { id: 'cs10', name: 'Sales' },
          { id: 'cs11', name: 'Billing' },
        ],
        users: [
          orgUser(1, {
            skills: [
              { id: 'cs10', name: 'Sales', proficiency: 2.5 },
              { id: 'cs11', name: 'Billing', proficiency: 3 },
              { id: 'x', name: 'Manual', proficiency: 1 },
            ],
          }),
          orgUser(2),
        ],
      }),
      ['setUserSkills'],
      (p) =>
        assert.deepEqual(find(p, 'setUserSkills')?.skills, [
          { name: 'Sales', proficiency: 2.5, id: 'cs10' },
          { name: 'Manual', proficiency: 1, id: 'x' },
        ]),
    ],
    [
      'crash after a create, before the store write: the object is linked by name, not created twice',
      desired(),
      emptyMapping,
      syncedOrg(),
      ['linkSource', 'linkSkill', 'linkWrapupCode', 'linkQueue', 'linkUser', 'linkUser'],
      () => undefined,
    ],
    [
      'agent → supervisor adds the supervisor roles, removes nothing',
      desired({ users: [user(1, { roleClass: 'supervisor', roles: DEFAULT_ROLES.supervisor }), user(2)] }),
      syncedMapping(),
      syncedOrg(),
      ['updateUser'],
      (p) => {
        assert.deepEqual(find(p, 'updateUser')?.addRoles, ['Employee', 'User', 'Supervisor']);
        assert.equal(find(p, 'updateUser')?.roleClass, 'supervisor');
      },
    ],
    [
      'supervisor → agent adds the agent roles',
      desired(),
      syncedMapping({
        users: new Map([
          [1, { cloudId: 'cu1', userName: 'u1@corp.com', roleClass: 'supervisor' }],
          [2, { cloudId: 'cu2', userName: 'u2@corp.com', roleClass: 'agent' }],
        ]),
      }),
      syncedOrg(),
      ['updateUser'],
      (p) => assert.deepEqual(find(p, 'updateUser')?.addRoles, ['Employee', 'User']),
    ],
    [
      'non-agent → agent: roles untouched after creation (only the class is remembered)',
      desired(),
      syncedMapping({
        users: new Map([
          [1, { cloudId: 'cu1', userName: 'u1@corp.com', roleClass: 'nonagent' }],
          [2, { cloudId: 'cu2', userName: 'u2@corp.com', roleClass: 'agent' }],
        ]),
      }),
      syncedOrg(),
      ['updateUser'],
      (p) => assert.deepEqual(find(p, 'updateUser')?.addRoles, []),
    ],
    [
      'roles missing in the org: the user is still created with the roles that exist',
      desired({ users: [user(1)], queues: [queue(20, [1])] }),
      emptyMapping,
      { ...emptyOrg, roles: ['Employee'] },
      [
        'createSource',
        'createSkill',
        'createWrapupCode',
        'createQueue',
        'createUser',
        'addMembers',
        'addQueueWrapupCodes',
      ],
      (p) => {
        assert.deepEqual(find(p, 'createUser')?.roles, ['Employee']);
        assert.deepEqual(find(p, 'createUser')?.missingRoles, ['User']);
      },
    ],
    [
      'a new person joins a queue; a member moves between queues',
      desired({ users: [user(1), user(2), user(4)], queues: [queue(20, [2, 4]), queue(21, [1])] }),
      syncedMapping({
        queues: new Map([
          [20, { cloudId: 'cq20', name: 'VQ20__SW__Engage-external' }],
          [21, { cloudId: 'cq21', name: 'VQ21__SW__Engage-external' }],
        ]),
      }),
      syncedOrg({ queues: [orgQueue(20, ['cu1', 'cu2']), orgQueue(21, [])] }),
      ['createUser', 'removeMembers', 'addMembers', 'addMembers'],
      (p) => {
        const adds = p.ops.filter((o) => o.op === 'addMembers');
        assert.deepEqual(
          adds.map((a) => [a.dnDbid, a.personDbids]),
          [
            [20, [4]],
            [21, [1]],
          ],
        );
      },
    ],
  ];
  for (const [name, d, m, o, want, check] of rows) {
    await t.test(name, () => {
      const p = plan(d, m, o);
      assert.deepEqual(kinds(p), want);
      check(p);
    });
  }
});

test('a renamed Engage skill maps to a skill of the new name (no rename endpoint); the old one is kept', () => {
  const d = desired({
    skills: [{ dbid: 10, name: 'Sales2' }],
    users: [
      user(1, { skills: [{ name: 'Sales2', proficiency: 2.5 }] }),
      user(2, { skills: [{ name: 'Sales2', proficiency: 2.5 }] }),
    ],
  });
  const p = plan(d, syncedMapping(), syncedOrg());
  assert.deepEqual(kinds(p), ['createSkill', 'setUserSkills', 'setUserSkills']);
  assert.deepEqual(find(p, 'setUserSkills')?.skills, [{ name: 'Sales2', proficiency: 2.5 }]);
});

test('two VQs whose names differ only by case share one queue: the lower DBID owns it, members united', () => {
  const clash = queue(25, [2], { name: 'vq20__SW__Engage-external', description: 'other', peerId: '25' });
  const d = desired({ queues: [queue(20, [1]), clash] });
  const first = plan(d, syncedMapping(), syncedOrg());
  assert.deepEqual(kinds(first), ['linkQueue']);
  const mapping = syncedMapping({
    queues: new Map([
      [20, { cloudId: 'cq20', name: 'VQ20__SW__Engage-external' }],
      [25, { cloudId: 'cq20', name: 'vq20__SW__Engage-external' }],
    ]),
  });
  assert.deepEqual(plan(d, mapping, syncedOrg()).ops, [], 'no pass undoes another');
});

test('a changed Engage user name reaches the org; a name another user holds is reported, not retried', () => {
  const renamed = desired({ users: [user(1, { userName: 'new1@corp.com', externalId: '1_new1' }), user(2)] });
  const p = plan(renamed, syncedMapping(), syncedOrg());
  assert.deepEqual(kinds(p), ['updateUser']);
  assert.deepEqual(find(p, 'updateUser')?.set, { userName: 'new1@corp.com', externalId: '1_new1' });
  assert.deepEqual(p.notes, []);
  // Only the case differs: Genesys Cloud names are case-insensitive, nothing to do.
  assert.deepEqual(
    plan(desired({ users: [user(1, { userName: 'U1@Corp.com' }), user(2)] }), syncedMapping(), syncedOrg())
      .ops,
    [],
  );
  // The new name is user 2's: no userName change (a 409 every pass), the rest applied, the clash noted.
  const taken = desired({
    users: [user(1, { userName: 'u2@corp.com', externalId: '1_u2' }), user(2)],
  });
  const t = plan(taken, syncedMapping(), syncedOrg());
  assert.deepEqual(kinds(t), ['updateUser']);
  assert.deepEqual(find(t, 'updateUser')?.set, { externalId: '1_u2' });
  assert.equal(find(t, 'updateUser')?.user.userName, 'u1@corp.com', 'the mapping keeps the name the org has');
  assert.deepEqual(
    t.notes.map((n) => [n.type, n.dbid, n.name]),
    [['userNameTaken', 1, 'u2@corp.com']],
  );
});

test('case clashes: one create per org name, the others follow it; the plan says so every pass', () => {
  const d = desired({
    users: [user(1), user(2, { userName: 'U1@CORP.com' })],
    skills: [
      { dbid: 10, name: 'Sales' },
      { dbid: 11, name: 'SALES' },
    ],
    wrapupCodes: [{ name: 'Done' }, { name: 'done' }],
    queues: [queue(20, [1, 2])],
  });
  const first = plan(d, emptyMapping, emptyOrg);
  assert.deepEqual(
    first.ops.filter((o) => o.op.startsWith('create')).map((o) => o.op),
    ['createSource', 'createSkill', 'createWrapupCode', 'createQueue', 'createUser'],
    'never a second create that the cloud would refuse as a duplicate',
  );
  assert.equal(first.deferred, 3);
  assert.deepEqual(
    first.notes.map((n) => [n.type, n.name]),
    [
      ['nameClash', 'SALES'],
      ['nameClash', 'done'],
      ['nameClash', 'U1@CORP.com'],
    ],
  );
  // Later passes: both persons on the one user; the second is still named in the plan (and /status).
  const later = plan(
    d,
    syncedMapping({
      users: new Map([
        [1, { cloudId: 'cu1', userName: 'u1@corp.com', roleClass: 'agent' }],
        [2, { cloudId: 'cu1', userName: 'U1@CORP.com', roleClass: 'agent' }],
      ]),
      skills: new Map([
        [10, { cloudId: 'cs10', name: 'Sales' }],
        [11, { cloudId: 'cs10', name: 'SALES' }],
      ]),
      wrapupCodes: new Map([
        ['Done', { cloudId: 'cw1' }],
        ['done', { cloudId: 'cw1' }],
      ]),
    }),
    syncedOrg({ users: [orgUser(1)], queues: [orgQueue(20, ['cu1'])] }),
  );
  assert.deepEqual(later.ops, []);
  assert.deepEqual(
    later.notes.map((n) => [n.type, n.dbid]),
    [['nameClash', 2]],
  );
  assert.match(later.notes[0]?.reason ?? '', /share one Genesys Cloud user, whose fields follow DBID 1/);
});

test('plan text prints names with control characters escaped, never raw', () => {
  const hostile = desired({
    wrapupCodes: [{ name: 'Done\u001b[2J\u0007' }],
    skills: [{ dbid: 10, name: 'Sa\nles' }],
  });
  const p = plan(hostile, emptyMapping, emptyOrg);
  const text = formatPlan(p).join('\n');
  assert.ok(![...text].some((c) => c !== '\n' && c.charCodeAt(0) < 32), 'no raw control character');
  assert.match(text, /wrap-up code "Done\\u001b\[2J\\u0007": create/);
  assert.match(text, /skill "Sa\\nles" \(DBID 10\): create/);
});
