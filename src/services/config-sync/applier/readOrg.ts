// Lists what the org has, in bulk: one listing per object type (SCIM users active and inactive, skills,
// queues, wrap-up codes, sources, roles), plus members and wrap-up codes of the queues that matter (those
// mapped, or named like a desired queue). Never one look-up per object.
import type { Models } from 'purecloud-platform-client-v2';
import { SCIM_GENESYS, type CloudClient } from '../../../cloud/index.ts';
import type { OrgQueue, OrgUser, OrgView } from '../planner/types.ts';

export interface OrgExtras {
  roleIds: Map<string, string>;
  homeDivision: { id: string; name: string };
}

export function orgUserOf(u: Models.ScimV2User): OrgUser | undefined {
  if (!u.id || !u.userName) return undefined;
  const email = (u.emails ?? []).find((e) => e.primary) ?? (u.emails ?? [])[0];
  return {
    id: u.id,
    userName: u.userName,
    displayName: u.displayName ?? '',
    ...(email?.value ? { email: email.value } : {}),
    ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
    active: u.active !== false,
    skills: (u[SCIM_GENESYS]?.routingSkills ?? []).map((s) => ({
      name: s.name,
      proficiency: s.proficiency ?? 0,
    })),
  };
}

export async function readOrg(
  cloud: CloudClient,
  queueOfInterest: (q: { id: string; name: string }) => boolean,
): Promise<{ org: OrgView; extras: OrgExtras }> {
  const [active, inactive, skills, queues, codes, sources, roles, home] = await Promise.all([
    cloud.scim.listUsers({ caller: 'excs.readOrg' }),
    cloud.scim.listUsers({ filter: 'active eq false', caller: 'excs.readOrg' }),
    cloud.routing.listSkills(),
    cloud.routing.listQueues(),
    cloud.routing.listWrapupCodes(),
    cloud.presence.listSources(),
    cloud.authorization.listRoles(),
    cloud.authorization.homeDivision(),
  ]);
  const skillIds = new Map(
    skills.flatMap((s) => (s.id && s.name ? [[s.name.toLowerCase(), s.id] as const] : [])),
  );
  const users = new Map<string, OrgUser>();
  for (const u of [...active, ...inactive]) {
    const o = orgUserOf(u);
    if (!o) continue;
    o.skills = o.skills.map((s) => {
      const id = skillIds.get(s.name.toLowerCase());
      return id ? { ...s, id } : s;
    });
    users.set(o.id, o);
  }
  const orgQueues: OrgQueue[] = [];
  for (const q of queues) {
    if (!q.id || !q.name) continue;
    const interesting = queueOfInterest({ id: q.id, name: q.name });
    const [members, qcodes] = interesting
      ? await Promise.all([cloud.routing.listMembers(q.id), cloud.routing.listQueueWrapupCodes(q.id)])
      : [[], []];
    orgQueues.push({
      id: q.id,
      name: q.name,
      description: q.description ?? '',
      ...(q.peerId !== undefined ? { peerId: q.peerId } : {}),
      memberIds: members.flatMap((m) => (m.id ? [m.id] : [])),
      wrapupCodeIds: qcodes.flatMap((c) => (c.id ? [c.id] : [])),
    });
  }
  const roleIds = new Map(
    roles.flatMap((r) => (r.id && r.name ? [[r.name.toLowerCase(), r.id] as const] : [])),
  );
  return {
    org: {
      users: [...users.values()],
      skills: skills.flatMap((s) => (s.id && s.name ? [{ id: s.id, name: s.name }] : [])),
      queues: orgQueues,
      wrapupCodes: codes.flatMap((c) => (c.id && c.name ? [{ id: c.id, name: c.name }] : [])),
      sources: sources.flatMap((s) => (s.id && s.name ? [{ id: s.id, name: s.name }] : [])),
      roles: roles.flatMap((r) => (r.name ? [r.name] : [])),
    },
    extras: { roleIds, homeDivision: { id: home.id ?? '', name: home.name ?? 'Home' } },
  };
}
