// A plan for people, like a terraform plan: counts per action, then one line per operation.
import { printable } from '../rules/cloudNames.ts';
import type { HeldPlan } from './guard.ts';
import type { Plan, PlanOp, PlanOpKind } from './types.ts';

/** A name as printed: quoted, with control characters escaped (a name must not drive the terminal). */
const q = (name: string): string => JSON.stringify(name);

const SYMBOL: Record<PlanOpKind, string> = {
  createSource: '+',
  linkSource: '=',
  createSkill: '+',
  linkSkill: '=',
  createWrapupCode: '+',
  linkWrapupCode: '=',
  createQueue: '+',
  linkQueue: '=',
  updateQueue: '~',
  retireQueue: '-',
  createUser: '+',
  linkUser: '=',
  updateUser: '~',
  deactivateUser: '-',
  setUserSkills: '~',
  addMembers: '+',
  removeMembers: '-',
  addQueueWrapupCodes: '+',
};

export function describeOp(o: PlanOp): string {
  switch (o.op) {
    case 'createSource':
      return `source ${q(o.name)}: create`;
    case 'linkSource':
      return `source ${q(o.name)}: already in the org, map it`;
    case 'createSkill':
      return `skill ${q(o.name)} (DBID ${o.dbid}): create`;
    case 'linkSkill':
      return `skill ${q(o.name)} (DBID ${o.dbid}): already in the org, map it`;
    case 'createWrapupCode':
      return `wrap-up code ${q(o.name)}: create`;
    case 'linkWrapupCode':
      return `wrap-up code ${q(o.name)}: already in the org, map it`;
    case 'createQueue':
      return `queue ${q(o.queue.name)} (DN DBID ${o.queue.dnDbid}): create`;
    case 'linkQueue':
      return `queue ${q(o.queue.name)} (DN DBID ${o.queue.dnDbid}): already in the org, map it`;
    case 'updateQueue':
      return `queue ${q(o.queue.name)}: set ${Object.keys(o.set).join(', ') || 'nothing (back in Engage)'}`;
    case 'retireQueue':
      return `queue ${q(o.name)}: VQ deleted in Engage, queue kept without members`;
    case 'createUser':
      return (
        `user ${q(o.user.userName)} (person DBID ${o.user.personDbid}): create with roles ${o.roles.join(', ') || 'none'}` +
        (o.missingRoles.length ? ` (missing in the org: ${o.missingRoles.join(', ')})` : '') +
        `, ${o.user.skills.length} skill(s)`
      );
    case 'linkUser':
      return `user ${q(o.user.userName)} (person DBID ${o.user.personDbid}): already in the org, map it`;
    case 'updateUser':
      return (
        `user ${q(o.user.userName)}: set ${Object.keys(o.set).join(', ') || 'nothing'}` +
        (o.addRoles.length ? `, add roles ${o.addRoles.join(', ')}` : '')
      );
    case 'deactivateUser':
      return `user ${q(o.userName)} (person DBID ${o.personDbid}): person deleted in Engage, deactivate`;
    case 'setUserSkills':
      return `user ${q(o.userName)}: skills ${o.skills.map((s) => `${s.name}=${s.proficiency}`).join(', ') || 'none'}`;
    case 'addMembers':
      return `queue ${q(o.queueName)}: add ${o.personDbids.length} member(s)`;
    case 'removeMembers':
      return `queue ${q(o.queueName)}: remove ${o.userIds.length} member(s)`;
    case 'addQueueWrapupCodes':
      return `queue ${q(o.queueName)}: add ${o.names.length} wrap-up code(s)`;
  }
}

export function countOps(p: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of p.ops) counts[o.op] = (counts[o.op] ?? 0) + 1;
  return counts;
}

export function formatPlan(p: Plan, opts: { limit?: number; held?: HeldPlan | undefined } = {}): string[] {
  const lines: string[] = [];
  const limit = opts.limit ?? Infinity;
  p.ops.slice(0, limit).forEach((o) => lines.push(`  ${SYMBOL[o.op]} ${describeOp(o)}`));
  if (p.ops.length > limit) lines.push(`  … and ${p.ops.length - limit} more`);
  for (const t of p.tombstones) {
    lines.push(
      `  ! ${t.type} ${q(t.name)}: deleted in the EX Org, not re-created until the mapping store is cleared`,
    );
  }
  for (const n of p.notes)
    lines.push(`  ! ${n.type} ${q(n.name)}${n.dbid ? ` (DBID ${n.dbid})` : ''}: ${printable(n.reason)}`);
  const counts = countOps(p);
  const n = (...ks: PlanOpKind[]): number => ks.reduce((a, k) => a + (counts[k] ?? 0), 0);
  lines.push('');
  lines.push(
    `Plan: ${n('createSource', 'createSkill', 'createWrapupCode', 'createQueue', 'createUser')} to create, ` +
      `${n('updateQueue', 'updateUser', 'setUserSkills')} to change, ${n('deactivateUser', 'retireQueue')} to deactivate, ` +
      `${n('linkSource', 'linkSkill', 'linkWrapupCode', 'linkQueue', 'linkUser')} to map, ` +
      `${n('addMembers', 'removeMembers')} member change(s), ${n('addQueueWrapupCodes')} queue wrap-up change(s).`,
  );
  if (opts.held) {
    const h = opts.held;
    lines.push(
      `Held by the mass-deactivation guard: ${h.deactivations} deactivation(s) of ${h.mappedUsers} mapped users ` +
        `(threshold ${h.limit}). EXCS applies nothing of it until plan ${h.planId} is confirmed.`,
    );
  }
  if (p.ops.length === 0) lines.unshift('No changes. The EX Org matches the Engage configuration.');
  return lines;
}
