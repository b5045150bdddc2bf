// Queues (seed 003): create, put mapped fields back, members from Engage (only users the connector maps are
// ever removed), every wrap-up code on every queue; a VQ gone from Engage keeps its queue, loses its members.
import type { Desired, DesiredQueue } from '../desired.ts';
import { lower, type PlanContext } from './context.ts';
import type { OrgQueue, PlanOp, QueueFields, Tombstone } from './types.ts';

function queueChanges(q: DesiredQueue, o: OrgQueue): QueueFields {
  const set: QueueFields = {};
  if (o.name !== q.name) set.name = q.name;
  if (o.description !== q.description) set.description = q.description;
  if ((o.peerId ?? '') !== q.peerId) set.peerId = q.peerId;
  return set;
}

export function planQueues(d: Desired, c: PlanContext, ops: PlanOp[], tombs: Tombstone[]): void {
  const managedUserIds = new Set([...c.mapping.users.values()].map((m) => m.cloudId));
  const wrapupNames = d.wrapupCodes.map((w) => w.name).filter((n) => c.liveWrapupNames.has(n));
  const desiredDns = new Set(d.queues.map((q) => q.dnDbid));

  const planMembersAndCodes = (q: DesiredQueue, org: OrgQueue | undefined): void => {
    const have = new Set(org?.memberIds ?? []);
    const add = q.memberDbids.filter((dbid) => {
      const id = c.userIdOf.get(dbid);
      return id === undefined || !have.has(id);
    });
    if (add.length) ops.push({ op: 'addMembers', dnDbid: q.dnDbid, queueName: q.name, personDbids: add });
    if (org) {
      const want = new Set(q.memberDbids.map((dbid) => c.userIdOf.get(dbid)).filter((x) => x !== undefined));
      const remove = org.memberIds.filter((id) => managedUserIds.has(id) && !want.has(id));
      if (remove.length)
        ops.push({ op: 'removeMembers', dnDbid: q.dnDbid, queueName: q.name, userIds: remove });
    }
    const codes = new Set(org?.wrapupCodeIds ?? []);
    const missing = wrapupNames.filter((n) => {
      const id = c.wrapupIdOf.get(n);
      return id === undefined || !codes.has(id);
    });
    if (missing.length)
      ops.push({ op: 'addQueueWrapupCodes', dnDbid: q.dnDbid, queueName: q.name, names: missing });
  };

  for (const q of d.queues) {
    const m = c.mapping.queues.get(q.dnDbid);
    if (m) {
      const org = c.queues.get(m.cloudId);
      if (!org) {
        tombs.push({ type: 'queue', key: String(q.dnDbid), name: m.name, cloudId: m.cloudId });
        continue;
      }
      const set = queueChanges(q, org);
      if (Object.keys(set).length || m.engageDeleted) {
        ops.push({ op: 'updateQueue', queue: q, cloudId: org.id, set });
      }
      planMembersAndCodes(q, org);
      continue;
    }
    const org = c.queuesByName.get(lower(q.name));
    if (org) {
      ops.push({ op: 'linkQueue', queue: q, cloudId: org.id });
      const set = queueChanges(q, org);
      if (Object.keys(set).length) ops.push({ op: 'updateQueue', queue: q, cloudId: org.id, set });
    } else ops.push({ op: 'createQueue', queue: q });
    planMembersAndCodes(q, org);
  }

  for (const [dnDbid, m] of c.mapping.queues) {
    if (desiredDns.has(dnDbid)) continue;
    const org = c.queues.get(m.cloudId);
    if (!org) continue;
    const remove = org.memberIds.filter((id) => managedUserIds.has(id));
    if (remove.length) ops.push({ op: 'removeMembers', dnDbid, queueName: m.name, userIds: remove });
    if (!m.engageDeleted) ops.push({ op: 'retireQueue', dnDbid, name: m.name, cloudId: m.cloudId });
    // A kept queue is still an ACD queue of the connector: it gets every wrap-up code too (seed 003).
    const codes = new Set(org.wrapupCodeIds);
    const missing = wrapupNames.filter((n) => {
      const id = c.wrapupIdOf.get(n);
      return id === undefined || !codes.has(id);
    });
    if (missing.length) ops.push({ op: 'addQueueWrapupCodes', dnDbid, queueName: m.name, names: missing });
  }
}
