// Applying user operations: one SCIM create with roles, division and skills; map an existing user (a
// re-created person takes it over); update the fields the connector owns (userName included: a renamed
// Engage user); roles only ever added; deactivate; replace the connector's skills, keeping the others.
import { SCIM_ENTERPRISE, SCIM_GENESYS } from '../../../cloud/index.ts';
import type { PlanOp } from '../planner/types.ts';
import type { ApplyOptions } from './apply.ts';
import { idOf } from './catalogSteps.ts';
import { userEntryOf } from './userEntry.ts';

type Op<K extends PlanOp['op']> = Extract<PlanOp, { op: K }>;

export async function createUser(op: Op<'createUser'>, o: ApplyOptions): Promise<void> {
  const u = op.user;
  const created = await o.cloud.scim.createUserOnce({
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
  await o.mapping.putUser(u.personDbid, userEntryOf(u, idOf(created, `user "${u.userName}"`)));
}

export async function linkUser(op: Op<'linkUser'>, o: ApplyOptions): Promise<void> {
  const prev = op.replaces.map((d) => o.mapping.users.get(d)).find((x) => x !== undefined);
  await o.mapping.putUser(
    op.user.personDbid,
    userEntryOf(op.user, op.cloudId, prev?.roleClass ?? op.user.roleClass),
  );
  await o.mapping.deleteUsers(op.replaces);
}

/** The user's role names with the missing ones added, or undefined when none is missing. */
function rolesWith(
  current: { value?: string }[] | undefined,
  add: string[],
): { value: string }[] | undefined {
  const names = (current ?? []).flatMap((r) => (r.value ? [r.value] : []));
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const added = add.filter((r) => !lower.has(r.toLowerCase()));
  return added.length ? [...names, ...added].map((v) => ({ value: v })) : undefined;
}

export async function updateUser(op: Op<'updateUser'>, o: ApplyOptions): Promise<void> {
  const set = op.set;
  const value: Record<string, unknown> = {};
  if (set.userName !== undefined) value.userName = set.userName;
  if (set.active !== undefined) value.active = set.active;
  if (set.displayName !== undefined) value.displayName = set.displayName;
  if (set.externalId !== undefined) value.externalId = set.externalId;
  if (set.email !== undefined) value.emails = [{ value: set.email, type: 'work', primary: true }];
  if (op.addRoles.length) {
    // Roles are only ever added (seed 003): read what the user has and write the union, which is right
    // whatever the server makes of a SCIM "add" on a multi-valued attribute. A version conflict reads
    // again (scim.updateUser).
    await o.cloud.scim.updateUser(op.cloudId, (user) => {
      const roles = rolesWith(user.roles, op.addRoles);
      const next = roles ? { ...value, roles } : value;
      return Object.keys(next).length ? [{ op: 'replace', value: next }] : undefined;
    });
  } else if (Object.keys(value).length) {
    await o.cloud.scim.patchUser(op.cloudId, [{ op: 'replace', value }]);
  }
  await o.mapping.putUser(op.user.personDbid, userEntryOf(op.user, op.cloudId, op.roleClass));
}

export async function deactivateUser(op: Op<'deactivateUser'>, o: ApplyOptions): Promise<void> {
  const prev = o.mapping.users.get(op.personDbid);
  if (!prev?.engageDeleted || prev.active) await o.cloud.scim.deactivateUser(op.cloudId);
  if (prev) await o.mapping.putUser(op.personDbid, { ...prev, active: false, engageDeleted: true });
}

function skillIdOf(o: ApplyOptions, name: string): string | undefined {
  for (const s of o.mapping.skills.values()) if (s.name === name) return s.cloudId;
  return undefined;
}

export async function setUserSkills(op: Op<'setUserSkills'>, o: ApplyOptions): Promise<void> {
  const body = op.skills.flatMap((s) => {
    const id = s.id ?? skillIdOf(o, s.name);
    return id ? [{ id, proficiency: s.proficiency }] : [];
  });
  await o.cloud.routing.setUserSkills(op.cloudId, body);
  const prev = o.mapping.users.get(op.personDbid);
  if (!prev) return;
  const managed = new Set([...o.mapping.skills.values()].map((k) => k.name));
  await o.mapping.putUser(op.personDbid, {
    ...prev,
    skills: op.skills
      .filter((s) => managed.has(s.name))
      .map((s) => ({ name: s.name, proficiency: s.proficiency })),
  });
}
