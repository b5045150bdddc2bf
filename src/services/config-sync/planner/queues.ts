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

export function planQueues(d: Desired, c: PlanContext, ops: PlanOp[], tombs: Tombstone[]): number {
  let deferred = 0;
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

  // Where each desired queue lands: its mapped queue, else an org queue of the same name (any case).
  // Several VQs on one org queue (a case-insensitive name clash, seed 003) share it: the lowest DBID owns
  // its fields, and the members are the union, so the passes never undo each other.
  const sorted = [...d.queues].sort((a, b) => a.dnDbid - b.dnDbid);
  const targetOf = (q: DesiredQueue): string | undefined => {
    const m = c.mapping.queues.get(q.dnDbid);
    return m ? m.cloudId : c.queuesByName.get(lower(q.name))?.id;
  };
  const owners = new Map<string, DesiredQueue>();
  const union = new Map<string, Set<number>>();
  for (const q of sorted) {
    const t = targetOf(q);
    if (t === undefined) continue;
    if (!owners.has(t)) owners.set(t, q);
    const set = union.get(t) ?? new Set<number>();
    for (const p of q.memberDbids) set.add(p);
    union.set(t, set);
  }
  const creating = new Set<string>();

  for (const q of sorted) {
    const m = c.mapping.queues.get(q.dnDbid);
    const target = targetOf(q);
    const owner = target === undefined || owners.get(target) === q;
    const merged: DesiredQueue =
      target === undefined ? q : { ...q, memberDbids: [...(union.get(target) ?? [])].sort((a, b) => a - b) };
    if (m) {
      const org = c.queues.get(m.cloudId);
      if (!org) {
        tombs.push({ type: 'queue', key: String(q.dnDbid), name: m.name, cloudId: m.cloudId });
        continue;
      }
      if (!owner) continue;
      const set = queueChanges(q, org);
      if (Object.keys(set).length || m.engageDeleted) {
        ops.push({ op: 'updateQueue', queue: q, cloudId: org.id, set });
      }
      planMembersAndCodes(merged, org);
      continue;
    }
    const org = c.queuesByName.get(lower(q.name));
    if (org) {
      ops.push({ op: 'linkQueue', queue: q, cloudId: org.id });
      if (!owner) continue;
      const set = queueChanges(q, org);
      if (Object.keys(set).length) ops.push({ op: 'updateQueue', queue: q, cloudId: org.id, set });
      planMembersAndCodes(merged, org);
      continue;
    }
    // Two new VQs with one name: the first is created; the next pass links the other to it.
    if (creating.has(lower(q.name))) {
      deferred++;
      continue;
    }
    creating.add(lower(q.name));
    ops.push({ op: 'createQueue', queue: q });
    planMembersAndCodes(q, undefined);
  }

  for (const [dnDbid, m] of c.mapping.queues) {
    if (desiredDns.has(dnDbid)) continue;
    const org = c.queues.get(m.cloudId);
    if (!org || owners.has(m.cloudId)) continue;
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
  return deferred;
}
