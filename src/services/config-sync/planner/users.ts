// Users (seed 003): create with roles, division and skills; put mapped fields back; deactivate a deleted
// person; a re-created person (new DBID, same userName) takes the same user back with its new externalId.
import type { Desired, DesiredUser, RoleClass } from '../desired.ts';
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
  if (o.active !== u.active) set.active = u.active;
  if (o.displayName !== u.displayName) set.displayName = u.displayName;
  if ((o.email ?? '') !== (u.email ?? '') && u.email !== undefined) set.email = u.email;
  if (o.externalId !== u.externalId) set.externalId = u.externalId;
  return set;
}

function skillChanges(u: DesiredUser, o: OrgUser, c: PlanContext): SkillAssignment[] | undefined {
  const want = u.skills.filter((s) => c.liveSkillNames.has(s.name));
  const have = o.skills.filter((s) => c.managedSkillNames.has(lower(s.name)));
  const same =
    want.length === have.length &&
    want.every((w) => have.some((h) => lower(h.name) === lower(w.name) && h.proficiency === w.proficiency));
  if (same) return undefined;
  const idOf = (name: string): string | undefined => c.skillsByName.get(lower(name))?.id;
  const keep = o.skills.filter((s) => !c.managedSkillNames.has(lower(s.name)));
  return [
    ...want.map((w) => {
      const id = idOf(w.name);
      return { name: w.name, proficiency: w.proficiency, ...(id ? { id } : {}) };
    }),
    ...keep.map((k) => ({ name: k.name, proficiency: k.proficiency, ...(k.id ? { id: k.id } : {}) })),
  ];
}

export function planUsers(
  d: Desired,
  c: PlanContext,
  roleSets: Record<RoleClass, string[]>,
  ops: PlanOp[],
  tombs: Tombstone[],
): void {
  const desiredDbids = new Set(d.users.map((u) => u.personDbid));
  const mappedByCloudId = new Map<string, number[]>();
  for (const [dbid, m] of c.mapping.users) {
    const list = mappedByCloudId.get(m.cloudId) ?? [];
    list.push(dbid);
    mappedByCloudId.set(m.cloudId, list);
  }
  const claimed = new Set<string>();
  const existingRoles = (names: string[]): string[] => names.filter((r) => c.roles.has(lower(r)));

  // The lowest DBID first: on a userName clash it owns the user's fields (and believedOrg agrees).
  for (const u of [...d.users].sort((a, b) => a.personDbid - b.personDbid)) {
    const m = c.mapping.users.get(u.personDbid);
    let org: OrgUser | undefined;
    let roleClass: RoleClass = u.roleClass;
    let addRoles: string[] = [];
    if (m) {
      org = c.users.get(m.cloudId);
      if (!org) {
        tombs.push({ type: 'user', key: String(u.personDbid), name: m.userName, cloudId: m.cloudId });
        continue;
      }
      addRoles = existingRoles(rolesToAdd(m.roleClass, u.roleClass, roleSets));
      roleClass = u.roleClass;
    } else {
      org = c.usersByName.get(lower(u.userName));
      if (!org) {
        const roles = existingRoles(u.roles);
        ops.push({
          op: 'createUser',
          user: { ...u, skills: u.skills.filter((s) => c.liveSkillNames.has(s.name)) },
          roles,
          missingRoles: u.roles.filter((r) => !roles.includes(r)),
        });
        continue;
      }
      // A previous mapping of the same user whose person is gone: a re-created person takes it over.
      const replaces = (mappedByCloudId.get(org.id) ?? []).filter((dbid) => !desiredDbids.has(dbid));
      const prior = replaces.map((dbid) => c.mapping.users.get(dbid)).find((x) => x !== undefined);
      if (prior) addRoles = existingRoles(rolesToAdd(prior.roleClass, u.roleClass, roleSets));
      ops.push({ op: 'linkUser', user: u, cloudId: org.id, replaces });
    }
    c.userIdOf.set(u.personDbid, org.id);
    // Two Engage persons on one user (a case-insensitive userName clash): the first one owns its fields.
    if (claimed.has(org.id)) continue;
    claimed.add(org.id);
    const set = fieldChanges(u, org);
    if (Object.keys(set).length > 0 || addRoles.length > 0 || (m && m.roleClass !== roleClass)) {
      ops.push({ op: 'updateUser', user: u, cloudId: org.id, set, addRoles, roleClass });
    }
    const skills = skillChanges(u, org, c);
    if (skills) {
      ops.push({
        op: 'setUserSkills',
        personDbid: u.personDbid,
        userName: u.userName,
        cloudId: org.id,
        skills,
      });
    }
  }

  // Persons gone from Engage: the user becomes inactive (never deleted); queues drop it (queues planner).
  for (const [dbid, m] of c.mapping.users) {
    if (desiredDbids.has(dbid)) continue;
    const org = c.users.get(m.cloudId);
    if (!org) continue;
    if (claimed.has(m.cloudId)) continue; // taken over by a re-created person
    if (org.active || !m.engageDeleted) {
      ops.push({ op: 'deactivateUser', personDbid: dbid, userName: m.userName, cloudId: m.cloudId });
    }
  }
}
