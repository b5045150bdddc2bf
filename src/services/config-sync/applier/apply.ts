// Carries a plan out through the cloud client, one operation after another, writing the mapping store after
// each one. Idempotent and resumable: a pass killed at any point leaves every finished create in the store or,
// if it died between the call and the write, in the org under its name, where the next full pass links it;
// creates after an ambiguous failure look the object up before trying again (createOnce).
import type { CloudClient } from '../../../cloud/index.ts';
import { CloudApiError, SCIM_ENTERPRISE, SCIM_GENESYS } from '../../../cloud/index.ts';
import type { Logger } from '../../../core/logger.ts';
import { describeOp } from '../planner/summary.ts';
import type { Plan, PlanOp } from '../planner/types.ts';
import type { DesiredQueue } from '../desired.ts';
import type { QueueEntry } from '../store/entries.ts';
import type { MappingStore } from '../store/mappingStore.ts';
import type { OrgExtras } from './readOrg.ts';
import { userEntryOf } from './userEntry.ts';

export interface ApplyOptions {
  cloud: CloudClient;
  mapping: MappingStore;
  extras: OrgExtras;
  logger: Logger;
  onProgress?: (done: number, total: number, op: PlanOp) => void;
  /** Stops between operations (shutdown). */
  signal?: AbortSignal;
}

export interface ApplyResult {
  applied: number;
  failed: { op: string; error: string }[];
}

/** Failures after which nothing else can work (no network, no valid token): the pass stops. */
function isFatal(err: unknown): boolean {
  return err instanceof CloudApiError && (err.status === 0 || err.status === 401 || err.status === 403);
}

export async function applyPlan(plan: Plan, o: ApplyOptions): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, failed: [] };
  let done = 0;
  for (const op of plan.ops) {
    if (o.signal?.aborted) break;
    try {
      await applyOp(op, o);
      result.applied++;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      o.logger.error({ op: op.op, err: error }, `excs: ${describeOp(op)} failed: ${error}`);
      result.failed.push({ op: describeOp(op), error });
      if (isFatal(err)) throw err;
    }
    o.onProgress?.(++done, plan.ops.length, op);
  }
  await o.mapping.putExtensions(plan.extensions);
  return result;
}

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

function skillIdOf(o: ApplyOptions, name: string): string | undefined {
  for (const s of o.mapping.skills.values()) if (s.name === name) return s.cloudId;
  return undefined;
}

async function applyOp(op: PlanOp, o: ApplyOptions): Promise<void> {
  const { cloud, mapping } = o;
  switch (op.op) {
    case 'createSource': {
      const s = await cloud.presence.ensureSource({
        name: op.name,
        type: 'User',
        deactivated: false,
      } as never);
      await mapping.putSource({ cloudId: s.id as string, name: op.name });
      return;
    }
    case 'linkSource':
      await mapping.putSource({ cloudId: op.cloudId, name: op.name });
      return;
    case 'createSkill': {
      const s = await cloud.routing.createSkillOnce({ name: op.name });
      await mapping.putSkill(op.dbid, { cloudId: s.id as string, name: op.name });
      return;
    }
    case 'linkSkill':
      await mapping.putSkill(op.dbid, { cloudId: op.cloudId, name: op.name });
      return;
    case 'createWrapupCode': {
      const w = await cloud.routing.createWrapupCodeOnce({ name: op.name });
      await mapping.putWrapupCode(op.name, { cloudId: w.id as string });
      return;
    }
    case 'linkWrapupCode':
      await mapping.putWrapupCode(op.name, { cloudId: op.cloudId });
      return;
    case 'createQueue': {
      const q = op.queue;
      const created = await cloud.routing.createQueueOnce({
        name: q.name,
        description: q.description,
        peerId: q.peerId,
        ...(o.extras.homeDivision.id ? { division: { id: o.extras.homeDivision.id } } : {}),
      } as never);
      await mapping.putQueue(q.dnDbid, queueEntry(q, created.id as string));
      return;
    }
    case 'linkQueue': {
      const q = op.queue;
      await mapping.putQueue(q.dnDbid, queueEntry(q, op.cloudId, mapping.queues.get(q.dnDbid)));
      return;
    }
    case 'updateQueue': {
      const q = op.queue;
      if (Object.keys(op.set).length) {
        // PUT replaces the queue: start from what it has, so settings the connector does not own survive.
        const current = await cloud.routing.getQueue(op.cloudId);
        await cloud.routing.updateQueue(op.cloudId, {
          ...current,
          name: q.name,
          description: q.description,
          peerId: q.peerId,
        } as never);
      }
      await mapping.putQueue(q.dnDbid, queueEntry(q, op.cloudId, mapping.queues.get(q.dnDbid)));
      return;
    }
    case 'retireQueue': {
      const prev = mapping.queues.get(op.dnDbid);
      if (prev) await mapping.putQueue(op.dnDbid, { ...prev, engageDeleted: true, memberIds: [] });
      return;
    }
    case 'createUser': {
      const u = op.user;
      const created = await cloud.scim.createUserOnce({
        userName: u.userName,
        displayName: u.displayName,
        active: u.active,
        externalId: u.externalId,
        ...(u.email ? { emails: [{ value: u.email, type: 'work', primary: true }] } : {}),
        roles: op.roles.map((value) => ({ value })),
        [SCIM_ENTERPRISE]: { division: o.extras.homeDivision.name },
        [SCIM_GENESYS]: {
          routingSkills: u.skills.map((s) => ({ name: s.name, proficiency: s.proficiency })),
        },
      });
      if (op.missingRoles.length) {
        o.logger.warn(
          { personDbid: u.personDbid, missingRoles: op.missingRoles },
          `excs: user ${u.userName} created without roles missing in the org: ${op.missingRoles.join(', ')}`,
        );
      }
      await mapping.putUser(u.personDbid, userEntryOf(u, created.id as string));
      return;
    }
    case 'linkUser': {
      const prev = op.replaces.map((d) => mapping.users.get(d)).find((x) => x !== undefined);
      await mapping.putUser(
        op.user.personDbid,
        userEntryOf(op.user, op.cloudId, prev?.roleClass ?? op.user.roleClass),
      );
      await mapping.deleteUsers(op.replaces);
      return;
    }
    case 'updateUser': {
      const set = op.set;
      const value: Record<string, unknown> = {};
      if (set.active !== undefined) value.active = set.active;
      if (set.displayName !== undefined) value.displayName = set.displayName;
      if (set.externalId !== undefined) value.externalId = set.externalId;
      if (set.email !== undefined) value.emails = [{ value: set.email, type: 'work', primary: true }];
      if (op.addRoles.length) {
        // Roles are only ever added (seed 003): read what the user has and write the union, which is
        // right whatever the server makes of a SCIM "add" on a multi-valued attribute. A version conflict
        // reads again (scim.updateUser).
        await cloud.scim.updateUser(op.cloudId, (user) => {
          const names = (user.roles ?? []).flatMap((r) => (r.value ? [r.value] : []));
          const lower = new Set(names.map((n) => n.toLowerCase()));
          const added = op.addRoles.filter((r) => !lower.has(r.toLowerCase()));
          const next = added.length
            ? { ...value, roles: [...names, ...added].map((v) => ({ value: v })) }
            : value;
          return Object.keys(next).length ? [{ op: 'replace', value: next }] : undefined;
        });
      } else if (Object.keys(value).length)
        await cloud.scim.patchUser(op.cloudId, [{ op: 'replace', value }]);
      await mapping.putUser(op.user.personDbid, userEntryOf(op.user, op.cloudId, op.roleClass));
      return;
    }
    case 'deactivateUser': {
      const prev = mapping.users.get(op.personDbid);
      if (!prev?.engageDeleted || prev.active) await cloud.scim.deactivateUser(op.cloudId);
      if (prev) await mapping.putUser(op.personDbid, { ...prev, active: false, engageDeleted: true });
      return;
    }
    case 'setUserSkills': {
      const body = op.skills.flatMap((s) => {
        const id = s.id ?? skillIdOf(o, s.name);
        return id ? [{ id, proficiency: s.proficiency }] : [];
      });
      await cloud.routing.setUserSkills(op.cloudId, body);
      const prev = mapping.users.get(op.personDbid);
      if (prev) {
        const managed = new Set([...mapping.skills.values()].map((k) => k.name));
        await mapping.putUser(op.personDbid, {
          ...prev,
          skills: op.skills
            .filter((s) => managed.has(s.name))
            .map((s) => ({ name: s.name, proficiency: s.proficiency })),
        });
      }
      return;
    }
    case 'addMembers': {
      const q = mapping.queues.get(op.dnDbid);
      if (!q) throw new Error(`queue of DN DBID ${op.dnDbid} is not mapped (its create failed)`);
      const ids = op.personDbids.flatMap((d) => {
        const id = mapping.users.get(d)?.cloudId;
        return id ? [id] : [];
      });
      if (ids.length) await cloud.routing.addMembers(q.cloudId, ids);
      await mapping.putQueue(op.dnDbid, { ...q, memberIds: [...new Set([...q.memberIds, ...ids])] });
      return;
    }
    case 'removeMembers': {
      const q = mapping.queues.get(op.dnDbid);
      if (!q) return;
      await cloud.routing.removeMembers(q.cloudId, op.userIds);
      const gone = new Set(op.userIds);
      await mapping.putQueue(op.dnDbid, { ...q, memberIds: q.memberIds.filter((id) => !gone.has(id)) });
      return;
    }
    case 'addQueueWrapupCodes': {
      const q = mapping.queues.get(op.dnDbid);
      if (!q) throw new Error(`queue of DN DBID ${op.dnDbid} is not mapped (its create failed)`);
      const ids = op.names.flatMap((n) => {
        const id = mapping.wrapupCodes.get(n)?.cloudId;
        return id ? [id] : [];
      });
      if (ids.length) await cloud.routing.addQueueWrapupCodes(q.cloudId, ids);
      await mapping.putQueue(op.dnDbid, { ...q, wrapupCodeIds: [...new Set([...q.wrapupCodeIds, ...ids])] });
      return;
    }
  }
}
