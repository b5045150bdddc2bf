// Applying queue operations: create, map, update (only the fields the connector owns), retire (a VQ
// deleted in Engage), members and wrap-up codes; the mapping store is written after each call.
import type { DesiredQueue } from '../desired.ts';
import type { PlanOp } from '../planner/types.ts';
import type { QueueEntry } from '../store/entries.ts';
import type { ApplyOptions } from './apply.ts';
import { idOf } from './catalogSteps.ts';

type Op<K extends PlanOp['op']> = Extract<PlanOp, { op: K }>;

/** A queue's mapping entry; members and wrap-up codes stay as recorded (they have operations of their own). */
function queueEntry(q: DesiredQueue, cloudId: string, prev?: QueueEntry): QueueEntry {
  return {
    cloudId,
    name: q.name,
    number: q.number,
    switch: q.switch,
    description: q.description,
    peerId: q.peerId,
    memberIds: prev?.memberIds ?? [],
    wrapupCodeIds: prev?.wrapupCodeIds ?? [],
  };
}

function mappedQueue(o: ApplyOptions, dnDbid: number): QueueEntry {
  const q = o.mapping.queues.get(dnDbid);
  if (!q) throw new Error(`queue of DN DBID ${dnDbid} is not mapped (its create failed)`);
  return q;
}

export async function createQueue(op: Op<'createQueue'>, o: ApplyOptions): Promise<void> {
  const q = op.queue;
  const division = o.extras.homeDivision.id;
  const created = await o.cloud.routing.createQueueOnce({
    name: q.name,
    description: q.description,
    peerId: q.peerId,
    ...(division ? { division: { id: division } } : {}),
  });
  await o.mapping.putQueue(q.dnDbid, queueEntry(q, idOf(created, `queue "${q.name}"`)));
}

export async function linkQueue(op: Op<'linkQueue'>, o: ApplyOptions): Promise<void> {
  const q = op.queue;
  await o.mapping.putQueue(q.dnDbid, queueEntry(q, op.cloudId, o.mapping.queues.get(q.dnDbid)));
}

export async function updateQueue(op: Op<'updateQueue'>, o: ApplyOptions): Promise<void> {
  const q = op.queue;
  if (Object.keys(op.set).length) {
    // PUT replaces the queue: start from what it has, so settings the connector does not own survive.
    const current = await o.cloud.routing.getQueue(op.cloudId);
    await o.cloud.routing.updateQueue(op.cloudId, {
      ...current,
      name: q.name,
      description: q.description,
      peerId: q.peerId,
    });
  }
  await o.mapping.putQueue(q.dnDbid, queueEntry(q, op.cloudId, o.mapping.queues.get(q.dnDbid)));
}

export async function retireQueue(op: Op<'retireQueue'>, o: ApplyOptions): Promise<void> {
  const prev = o.mapping.queues.get(op.dnDbid);
  if (prev) await o.mapping.putQueue(op.dnDbid, { ...prev, engageDeleted: true, memberIds: [] });
}

export async function addMembers(op: Op<'addMembers'>, o: ApplyOptions): Promise<void> {
  const q = mappedQueue(o, op.dnDbid);
  const ids = op.personDbids.flatMap((d) => {
    const id = o.mapping.users.get(d)?.cloudId;
    return id ? [id] : [];
  });
  if (ids.length) await o.cloud.routing.addMembers(q.cloudId, ids);
  await o.mapping.putQueue(op.dnDbid, { ...q, memberIds: [...new Set([...q.memberIds, ...ids])] });
}

export async function removeMembers(op: Op<'removeMembers'>, o: ApplyOptions): Promise<void> {
  const q = o.mapping.queues.get(op.dnDbid);
  if (!q) return;
  await o.cloud.routing.removeMembers(q.cloudId, op.userIds);
  const gone = new Set(op.userIds);
  await o.mapping.putQueue(op.dnDbid, { ...q, memberIds: q.memberIds.filter((id) => !gone.has(id)) });
}

export async function addQueueWrapupCodes(op: Op<'addQueueWrapupCodes'>, o: ApplyOptions): Promise<void> {
  const q = mappedQueue(o, op.dnDbid);
  const ids = op.names.flatMap((n) => {
    const id = o.mapping.wrapupCodes.get(n)?.cloudId;
    return id ? [id] : [];
  });
  if (ids.length) await o.cloud.routing.addQueueWrapupCodes(q.cloudId, ids);
  await o.mapping.putQueue(op.dnDbid, { ...q, wrapupCodeIds: [...new Set([...q.wrapupCodeIds, ...ids])] });
}
