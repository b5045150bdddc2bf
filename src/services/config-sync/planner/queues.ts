// Queues (seed 003): create, put mapped fields back, members from Engage (only users the connector maps are
// ever removed), every wrap-up code on every queue; a VQ gone from Engage keeps its queue, loses its members.
import type { Desired, DesiredQueue, Skipped } from '../desired.ts';
import { lower, type PlanContext } from './context.ts';
import type { OrgQueue, PlanOp, QueueFields, Tombstone } from './types.ts';

function sharedQueueNote(q: DesiredQueue, owner: DesiredQueue | undefined): Skipped {
  return {
    type: 'nameClash',
    dbid: q.dnDbid,
    name: q.name,
    reason: owner
      ? `queue name differs only by case from "${owner.name}" (DN DBID ${owner.dnDbid}): both VQs share one queue, whose fields follow DBID ${owner.dnDbid}`
      : 'queue name differs only by case from another VQ: both share one queue',
  };
}

function queueChanges(q: DesiredQueue, o: OrgQueue): QueueFields {
  const set: QueueFields = {};
  if (o.name !== q.name) set.name = q.name;
  if (o.description !== q.description) set.description = q.description;
  if ((o.peerId ?? '') !== q.peerId) set.peerId = q.peerId;
  return set;
}

/** Returns how many queues wait for the follow-up plan (a second VQ named like one this plan creates). */
export function planQueues(
  desired: Desired,
  ctx: PlanContext,
  ops: PlanOp[],
  tombstones: Tombstone[],
): number {
  let deferred = 0;
  const managedUserIds = new Set([...ctx.mapping.users.values()].map((m) => m.cloudId));
  const wrapupNames = desired.wrapupCodes.map((w) => w.name).filter((n) => ctx.liveWrapupNames.has(n));
  const desiredDns = new Set(desired.queues.map((q) => q.dnDbid));

  const planMembersAndCodes = (q: DesiredQueue, org: OrgQueue | undefined): void => {
    const have = new Set(org?.memberIds ?? []);
    const add = q.memberDbids.filter((dbid) => {
      const id = ctx.userIdOf.get(dbid);
      return id === undefined || !have.has(id);
    });
    if (add.length) ops.push({ op: 'addMembers', dnDbid: q.dnDbid, queueName: q.name, personDbids: add });
    if (org) {
      const want = new Set(
        q.memberDbids.map((dbid) => ctx.userIdOf.get(dbid)).filter((x) => x !== undefined),
      );
      const remove = org.memberIds.filter((id) => managedUserIds.has(id) && !want.has(id));
      if (remove.length)
        ops.push({ op: 'removeMembers', dnDbid: q.dnDbid, queueName: q.name, userIds: remove });
    }
    const codes = new Set(org?.wrapupCodeIds ?? []);
    const missing = wrapupNames.filter((n) => {
      const id = ctx.wrapupIdOf.get(n);
      return id === undefined || !codes.has(id);
    });
    if (missing.length)
      ops.push({ op: 'addQueueWrapupCodes', dnDbid: q.dnDbid, queueName: q.name, names: missing });
  };

  // Where each desired queue lands: its mapped queue, else an org queue of the same name (any case).
  // Several VQs on one org queue (a case-insensitive name clash, seed 003) share it: the lowest DBID owns
  // its fields, and the members are the union, so the passes never undo each other.
  const sorted = [...desired.queues].sort((a, b) => a.dnDbid - b.dnDbid);
  const targetOf = (q: DesiredQueue): string | undefined => {
    const m = ctx.mapping.queues.get(q.dnDbid);
    return m ? m.cloudId : ctx.queuesByName.get(lower(q.name))?.id;
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
  const creating = new Map<string, DesiredQueue>();

  for (const q of sorted) {
    const m = ctx.mapping.queues.get(q.dnDbid);
    const target = targetOf(q);
    const owner = target === undefined || owners.get(target) === q;
    const merged: DesiredQueue =
      target === undefined ? q : { ...q, memberDbids: [...(union.get(target) ?? [])].sort((a, b) => a - b) };
    if (m) {
      const org = ctx.queues.get(m.cloudId);
      if (!org) {
        tombstones.push({ type: 'queue', key: String(q.dnDbid), name: m.name, cloudId: m.cloudId });
        continue;
      }
      if (!owner) {
        ctx.notes.push(sharedQueueNote(q, target === undefined ? undefined : owners.get(target)));
        continue;
      }
      const set = queueChanges(q, org);
      if (Object.keys(set).length || m.engageDeleted) {
        ops.push({ op: 'updateQueue', queue: q, cloudId: org.id, set });
      }
      planMembersAndCodes(merged, org);
      continue;
    }
    const org = ctx.queuesByName.get(lower(q.name));
    if (org) {
      ops.push({ op: 'linkQueue', queue: q, cloudId: org.id });
      if (!owner) {
        ctx.notes.push(sharedQueueNote(q, target === undefined ? undefined : owners.get(target)));
        continue;
      }
      const set = queueChanges(q, org);
      if (Object.keys(set).length) ops.push({ op: 'updateQueue', queue: q, cloudId: org.id, set });
      planMembersAndCodes(merged, org);
      continue;
    }
    // Two new VQs with one name: the first is created; the next pass links the other to it.
    const first = creating.get(lower(q.name));
    if (first) {
      deferred++;
      ctx.notes.push(sharedQueueNote(q, first));
      continue;
    }
    creating.set(lower(q.name), q);
    ops.push({ op: 'createQueue', queue: q });
    planMembersAndCodes(q, undefined);
  }

  for (const [dnDbid, m] of ctx.mapping.queues) {
    if (desiredDns.has(dnDbid)) continue;
    const org = ctx.queues.get(m.cloudId);
    if (!org || owners.has(m.cloudId)) continue;
    const remove = org.memberIds.filter((id) => managedUserIds.has(id));
    if (remove.length) ops.push({ op: 'removeMembers', dnDbid, queueName: m.name, userIds: remove });
    if (!m.engageDeleted) ops.push({ op: 'retireQueue', dnDbid, name: m.name, cloudId: m.cloudId });
    // A kept queue is still an ACD queue of the connector: it gets every wrap-up code too (seed 003).
    const codes = new Set(org.wrapupCodeIds);
    const missing = wrapupNames.filter((n) => {
      const id = ctx.wrapupIdOf.get(n);
      return id === undefined || !codes.has(id);
    });
    if (missing.length) ops.push({ op: 'addQueueWrapupCodes', dnDbid, queueName: m.name, names: missing });
  }
  return deferred;
}
