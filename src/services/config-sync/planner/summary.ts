// A plan for people, like a terraform plan: counts per action, then one line per operation.
import type { Plan, PlanOp, PlanOpKind } from './types.ts';

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
      return `source "${o.name}": create`;
    case 'linkSource':
      return `source "${o.name}": already in the org, map it`;
    case 'createSkill':
      return `skill "${o.name}" (DBID ${o.dbid}): create`;
    case 'linkSkill':
      return `skill "${o.name}" (DBID ${o.dbid}): already in the org, map it`;
    case 'createWrapupCode':
      return `wrap-up code "${o.name}": create`;
    case 'linkWrapupCode':
      return `wrap-up code "${o.name}": already in the org, map it`;
    case 'createQueue':
      return `queue "${o.queue.name}" (DN DBID ${o.queue.dnDbid}): create`;
    case 'linkQueue':
      return `queue "${o.queue.name}" (DN DBID ${o.queue.dnDbid}): already in the org, map it`;
    case 'updateQueue':
      return `queue "${o.queue.name}": set ${Object.keys(o.set).join(', ') || 'nothing (back in Engage)'}`;
    case 'retireQueue':
      return `queue "${o.name}": VQ deleted in Engage, queue kept without members`;
    case 'createUser':
      return (
        `user "${o.user.userName}" (person DBID ${o.user.personDbid}): create with roles ${o.roles.join(', ') || 'none'}` +
        (o.missingRoles.length ? ` (missing in the org: ${o.missingRoles.join(', ')})` : '') +
        `, ${o.user.skills.length} skill(s)`
      );
    case 'linkUser':
      return `user "${o.user.userName}" (person DBID ${o.user.personDbid}): already in the org, map it`;
    case 'updateUser':
      return (
        `user "${o.user.userName}": set ${Object.keys(o.set).join(', ') || 'nothing'}` +
        (o.addRoles.length ? `, add roles ${o.addRoles.join(', ')}` : '')
      );
    case 'deactivateUser':
      return `user "${o.userName}" (person DBID ${o.personDbid}): person deleted in Engage, deactivate`;
    case 'setUserSkills':
      return `user "${o.userName}": skills ${o.skills.map((s) => `${s.name}=${s.proficiency}`).join(', ') || 'none'}`;
    case 'addMembers':
      return `queue "${o.queueName}": add ${o.personDbids.length} member(s)`;
    case 'removeMembers':
      return `queue "${o.queueName}": remove ${o.userIds.length} member(s)`;
    case 'addQueueWrapupCodes':
      return `queue "${o.queueName}": add ${o.names.length} wrap-up code(s)`;
  }
}

export function countOps(p: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of p.ops) counts[o.op] = (counts[o.op] ?? 0) + 1;
  return counts;
}

export function formatPlan(p: Plan, opts: { limit?: number } = {}): string[] {
  const lines: string[] = [];
  const limit = opts.limit ?? Infinity;
  p.ops.slice(0, limit).forEach((o) => lines.push(`  ${SYMBOL[o.op]} ${describeOp(o)}`));
  if (p.ops.length > limit) lines.push(`  … and ${p.ops.length - limit} more`);
  for (const t of p.tombstones) {
    lines.push(
      `  ! ${t.type} "${t.name}": deleted in the EX Org, not re-created until the mapping store is cleared`,
    );
  }
  const counts = countOps(p);
  const n = (...ks: PlanOpKind[]): number => ks.reduce((a, k) => a + (counts[k] ?? 0), 0);
  lines.push('');
  lines.push(
    `Plan: ${n('createSource', 'createSkill', 'createWrapupCode', 'createQueue', 'createUser')} to create, ` +
      `${n('updateQueue', 'updateUser', 'setUserSkills')} to change, ${n('deactivateUser', 'retireQueue')} to deactivate, ` +
      `${n('linkSource', 'linkSkill', 'linkWrapupCode', 'linkQueue', 'linkUser')} to map, ` +
      `${n('addMembers', 'removeMembers')} member change(s), ${n('addQueueWrapupCodes')} queue wrap-up change(s).`,
  );
  if (p.ops.length === 0) lines.unshift('No changes. The EX Org matches the Engage configuration.');
  return lines;
}
