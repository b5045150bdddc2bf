// The mass-deactivation guard: thresholds, the plan id, and when a plan is held.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deactivationLimit,
  deactivationPlanId,
  guardVerdict,
  parseDeactivationThreshold,
  DEFAULT_DEACTIVATION_THRESHOLD as DEFAULT,
} from './guard.ts';
import type { Plan, PlanOp } from './types.ts';

const deactivations = (n: number): PlanOp[] =>
  Array.from({ length: n }, (_, i) => ({
    op: 'deactivateUser',
    personDbid: 1000 + i,
    userName: `u${i}@corp.com`,
    cloudId: `c${i}`,
  }));
const planOf = (ops: PlanOp[]): Plan => ({ ops, tombstones: [], extensions: [], deferred: 0, notes: [] });

test('thresholds: the option as written → the limit for a number of mapped users', () => {
  const rows: [string | undefined, number, number][] = [
    // option        mapped  limit
    [undefined, 150, 20], // the default: 10%, at least 20
    [undefined, 1000, 100],
    ['25%', 1000, 250],
    ['25%', 40, 20],
    ['5', 1000, 5],
    ['0', 1000, 0],
    ['off', 1000, Infinity],
    ['OFF ', 10, Infinity],
    ['ten', 1000, 100], // not understood: the default, and a problem reported
    ['150%', 1000, 100],
    ['-3', 1000, 100],
  ];
  for (const [value, mapped, limit] of rows) {
    const problems: string[] = [];
    assert.equal(
      deactivationLimit(parseDeactivationThreshold(value, problems), mapped),
      limit,
      String(value),
    );
    const understood = value === undefined || !['ten', '150%', '-3'].includes(value);
    assert.equal(problems.length, understood ? 0 : 1, String(value));
  }
});

test('a folder-filter typo on a synced 150-agent site: 144 deactivations are held, nothing else', () => {
  const plan = planOf([...deactivations(144), { op: 'createWrapupCode', name: 'Done' }]);
  const v = guardVerdict(plan, 150, DEFAULT, undefined);
  assert.equal(v.apply, false);
  if (v.apply) return;
  assert.equal(v.held.deactivations, 144);
  assert.equal(v.held.limit, 20);
  assert.match(v.held.planId, /^deact-[0-9a-f]{16}$/);
  assert.deepEqual(v.held.sample.slice(0, 2), ['u0@corp.com', 'u1@corp.com']);
  // The same deactivations give the same id, in any order; another set another id.
  assert.equal(guardVerdict(planOf([...deactivations(144)].reverse()), 150, DEFAULT, undefined).apply, false);
  assert.equal(
    deactivationPlanId([...deactivations(144)].reverse().map((o) => ({ personDbid: 0, userName: '', ...o }))),
    v.held.planId,
  );
  // Confirmed by that id: applied; a confirmation of another plan does not count.
  assert.deepEqual(guardVerdict(plan, 150, DEFAULT, { planId: v.held.planId }), {
    apply: true,
    confirmed: v.held.planId,
  });
  assert.equal(
    guardVerdict(planOf(deactivations(145)), 150, DEFAULT, { planId: v.held.planId }).apply,
    false,
  );
});

test('disabled persons count as deactivations; up to the limit passes without confirmation', () => {
  assert.deepEqual(guardVerdict(planOf(deactivations(20)), 150, DEFAULT, undefined), { apply: true });
  const disabled: PlanOp = {
    op: 'updateUser',
    user: {
      personDbid: 5,
      userName: 'd@corp.com',
      displayName: 'D',
      externalId: '5_d',
      active: false,
      division: 'Home',
      roleClass: 'agent',
      roles: [],
      skills: [],
      engageUserName: 'd',
      employeeId: '',
      isAgent: true,
      logins: [],
    },
    cloudId: 'c5',
    set: { active: false },
    addRoles: [],
    roleClass: 'agent',
  };
  assert.equal(guardVerdict(planOf([...deactivations(20), disabled]), 150, DEFAULT, undefined).apply, false);
});
