// desired × mapping store × org → plan. Pure. Operations come in the order they must be applied: source,
// skills, wrap-up codes, queues, users (created with skills), then members and queue wrap-up codes.
import type { Desired, RoleClass } from '../desired.ts';
import { planSkills, planSource, planWrapupCodes } from './catalog.ts';
import { planContext } from './context.ts';
import { planQueues } from './queues.ts';
import type { MappingState, OrgView, Plan, PlanOp, Tombstone } from './types.ts';
import { planUsers } from './users.ts';

export function buildPlan(
  desired: Desired,
  mapping: MappingState,
  org: OrgView,
  roles: Record<RoleClass, string[]>,
): Plan {
  const ctx = planContext(mapping, org);
  const ops: PlanOp[] = [];
  const tombstones: Tombstone[] = [];
  planSource(desired, ctx, ops, tombstones);
  let deferred = planSkills(desired, ctx, ops, tombstones);
  deferred += planWrapupCodes(desired, ctx, ops, tombstones);
  const userOps: PlanOp[] = [];
  deferred += planUsers(desired, ctx, roles, userOps, tombstones);
  const queueOps: PlanOp[] = [];
  deferred += planQueues(desired, ctx, queueOps, tombstones);
  const queueObjects = queueOps.filter((o) => ['createQueue', 'linkQueue', 'updateQueue'].includes(o.op));
  const queueLinks = queueOps.filter((o) => !queueObjects.includes(o));
  // Removals before additions, so that a member moving between queues never holds both for long.
  queueLinks.sort((a, b) => rank(a) - rank(b));
  ops.push(...queueObjects, ...userOps, ...queueLinks);
  return { ops, tombstones, extensions: desired.extensions, deferred, notes: ctx.notes };
}

function rank(o: PlanOp): number {
  return o.op === 'removeMembers' ? 0 : o.op === 'addMembers' ? 1 : 2;
}

export function isEmptyPlan(p: Plan): boolean {
  return p.ops.length === 0;
}
