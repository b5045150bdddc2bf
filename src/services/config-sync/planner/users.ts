// Users (seed 003): create with roles, division and skills; put mapped fields back; deactivate a deleted
// person; a re-created person (new DBID, same userName) takes the same user back with its new externalId.
import type { Desired, DesiredUser, RoleClass, Skipped } from '../desired.ts';
import { lower, type PlanContext } from './context.ts';
import type { OrgUser, PlanOp, SkillAssignment, Tombstone, UserFields } from './types.ts';

/** Seed 003: only agent → supervisor and supervisor → agent add roles; nothing is ever removed. */
export function rolesToAdd(from: RoleClass, to: RoleClass, roles: Record<RoleClass, string[]>): string[] {
  if (from === 'agent' && to === 'supervisor') return roles.supervisor;
  if (from === 'supervisor' && to === 'agent') return roles.agent;
  return [];
}

function fieldChanges(u: DesiredUser, o: OrgUser): UserFields {
  const set: UserFields = {};
  // Genesys Cloud user names are case-insensitive: only a different name is a change.
  if (lower(o.userName) !== lower(u.userName)) set.userName = u.userName;
  if (o.active !== u.active) set.active = u.active;
  if (o.displayName !== u.displayName) set.displayName = u.displayName;
  if ((o.email ?? '') !== (u.email ?? '') && u.email !== undefined) set.email = u.email;
  if (o.externalId !== u.externalId) set.externalId = u.externalId;
  return set;
}

function skillChanges(u: DesiredUser, o: OrgUser, ctx: PlanContext): SkillAssignment[] | undefined {
  const want = u.skills.filter((s) => ctx.liveSkillNames.has(s.name));
  const have = o.skills.filter((s) => ctx.managedSkillNames.has(lower(s.name)));
  const same =
    want.length === have.length &&
    want.every((w) => have.some((h) => lower(h.name) === lower(w.name) && h.proficiency === w.proficiency));
  if (same) return undefined;
  const idOf = (name: string): string | undefined => ctx.skillsByName.get(lower(name))?.id;
  const keep = o.skills.filter((s) => !ctx.managedSkillNames.has(lower(s.name)));
  return [
    ...want.map((w) => {
      const id = idOf(w.name);
      return { name: w.name, proficiency: w.proficiency, ...(id ? { id } : {}) };
    }),
    ...keep.map((k) => ({ name: k.name, proficiency: k.proficiency, ...(k.id ? { id: k.id } : {}) })),
  ];
}

/**
 * Returns how many persons wait for the follow-up plan (a userName differing only by case from one this
 * plan creates: the follow-up links it to that user).
 */
export function planUsers(
  desired: Desired,
  ctx: PlanContext,
  roleSets: Record<RoleClass, string[]>,
  ops: PlanOp[],
  tombstones: Tombstone[],
): number {
  const desiredDbids = new Set(desired.users.map((u) => u.personDbid));
  const mappedByCloudId = new Map<string, number[]>();
  for (const [dbid, m] of ctx.mapping.users) {
    const list = mappedByCloudId.get(m.cloudId) ?? [];
    list.push(dbid);
    mappedByCloudId.set(m.cloudId, list);
  }
  /** Org user id → the person that owns its fields this plan. */
  const owners = new Map<string, DesiredUser>();
  const creating = new Map<string, DesiredUser>();
  let deferred = 0;
  const existingRoles = (names: string[]): string[] => names.filter((r) => ctx.roles.has(lower(r)));

  // The lowest DBID first: on a userName clash it owns the user's fields (and believedOrg agrees).
  for (const u of [...desired.users].sort((a, b) => a.personDbid - b.personDbid)) {
    const mapped = ctx.mapping.users.get(u.personDbid);
    let org: OrgUser | undefined;
    let roleClass: RoleClass = u.roleClass;
    let addRoles: string[] = [];
    if (mapped) {
      org = ctx.users.get(mapped.cloudId);
      if (!org) {
        tombstones.push({
          type: 'user',
          key: String(u.personDbid),
          name: mapped.userName,
          cloudId: mapped.cloudId,
        });
        continue;
      }
      addRoles = existingRoles(rolesToAdd(mapped.roleClass, u.roleClass, roleSets));
      roleClass = u.roleClass;
    } else {
      org = ctx.usersByName.get(lower(u.userName));
      if (!org) {
        const first = creating.get(lower(u.userName));
        if (first) {
          deferred++;
          ctx.notes.push(sharedUserNote(u, first));
          continue;
        }
        creating.set(lower(u.userName), u);
        const roles = existingRoles(u.roles);
        ops.push({
          op: 'createUser',
          user: { ...u, skills: u.skills.filter((s) => ctx.liveSkillNames.has(s.name)) },
          roles,
          missingRoles: u.roles.filter((r) => !roles.includes(r)),
        });
        continue;
      }
      // A previous mapping of the same user whose person is gone: a re-created person takes it over.
      const replaces = (mappedByCloudId.get(org.id) ?? []).filter((dbid) => !desiredDbids.has(dbid));
      const prior = replaces.map((dbid) => ctx.mapping.users.get(dbid)).find((x) => x !== undefined);
      if (prior) addRoles = existingRoles(rolesToAdd(prior.roleClass, u.roleClass, roleSets));
      ops.push({ op: 'linkUser', user: u, cloudId: org.id, replaces });
    }
    ctx.userIdOf.set(u.personDbid, org.id);
    // Two Engage persons on one user (a case-insensitive userName clash): the first one owns its fields.
    const owner = owners.get(org.id);
    if (owner) {
      ctx.notes.push(sharedUserNote(u, owner));
      continue;
    }
    owners.set(org.id, u);
    const set = fieldChanges(u, org);
    const holder = set.userName === undefined ? undefined : ctx.usersByName.get(lower(set.userName));
    let user = u;
    if (holder && holder.id !== org.id) {
      // The new name belongs to another user: reported, the user keeps its name (no pass retries it).
      delete set.userName;
      user = { ...u, userName: org.userName };
      ctx.notes.push({
        type: 'userNameTaken',
        dbid: u.personDbid,
        name: u.userName,
        reason: `the new userName "${u.userName}" belongs to another Genesys Cloud user (${holder.id}); the user keeps "${org.userName}"`,
      });
    }
    if (Object.keys(set).length > 0 || addRoles.length > 0 || (mapped && mapped.roleClass !== roleClass)) {
      ops.push({ op: 'updateUser', user, cloudId: org.id, set, addRoles, roleClass });
    }
    const skills = skillChanges(u, org, ctx);
    if (skills) {
      ops.push({
        op: 'setUserSkills',
        personDbid: u.personDbid,
        userName: user.userName,
        cloudId: org.id,
        skills,
      });
    }
  }

  // Persons gone from Engage: the user becomes inactive (never deleted); queues drop it (queues planner).
  for (const [dbid, m] of ctx.mapping.users) {
    if (desiredDbids.has(dbid)) continue;
    const org = ctx.users.get(m.cloudId);
    if (!org) continue;
    if (owners.has(m.cloudId)) continue; // taken over by a re-created person
    if (org.active || !m.engageDeleted) {
      ops.push({ op: 'deactivateUser', personDbid: dbid, userName: m.userName, cloudId: m.cloudId });
    }
  }
  return deferred;
}

function sharedUserNote(u: DesiredUser, owner: DesiredUser): Skipped {
  return {
    type: 'nameClash',
    dbid: u.personDbid,
    name: u.userName,
    reason: `userName differs only by case from "${owner.userName}" (person DBID ${owner.personDbid}): both persons share one Genesys Cloud user, whose fields follow DBID ${owner.personDbid}`,
  };
}
