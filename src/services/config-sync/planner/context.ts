// Shared lookups for one planning pass: org objects by id and by case-insensitive name (Genesys Cloud
// names are case-insensitive), and the ids this plan has already claimed.
import type { Skipped } from '../desired.ts';
import type { MappingState, OrgQueue, OrgUser, OrgView } from './types.ts';

export const lower = (s: string): string => s.toLowerCase();

function byId<T extends { id: string }>(xs: readonly T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.id, x]));
}
function byName<T extends { name: string }>(xs: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const x of xs) if (!m.has(lower(x.name))) m.set(lower(x.name), x);
  return m;
}

export interface PlanContext {
  mapping: MappingState;
  org: OrgView;
  users: Map<string, OrgUser>;
  usersByName: Map<string, OrgUser>;
  skills: Map<string, { id: string; name: string }>;
  skillsByName: Map<string, { id: string; name: string }>;
  queues: Map<string, OrgQueue>;
  queuesByName: Map<string, OrgQueue>;
  wrapupCodes: Map<string, { id: string; name: string }>;
  wrapupCodesByName: Map<string, { id: string; name: string }>;
  roles: Set<string>;
  /** Cloud id per person DBID for users mapped or linked by this plan (creations are absent). */
  userIdOf: Map<number, string>;
  /** Cloud id per wrap-up code name, same idea. */
  wrapupIdOf: Map<string, string>;
  /** Wrap-up code names and skill names that will exist after the plan (tombstoned ones excluded). */
  liveWrapupNames: Set<string>;
  liveSkillNames: Set<string>;
  /** Every skill name the connector owns (mapped before or now): put back on users, others left alone. */
  managedSkillNames: Set<string>;
  /** Objects that get no org object or field of their own this plan (name clashes), with the reason. */
  notes: Skipped[];
}

export function planContext(mapping: MappingState, org: OrgView): PlanContext {
  const usersByName = new Map<string, OrgUser>();
  for (const u of org.users) if (!usersByName.has(lower(u.userName))) usersByName.set(lower(u.userName), u);
  return {
    mapping,
    org,
    users: byId(org.users),
    usersByName,
    skills: byId(org.skills),
    skillsByName: byName(org.skills),
    queues: byId(org.queues),
    queuesByName: byName(org.queues),
    wrapupCodes: byId(org.wrapupCodes),
    wrapupCodesByName: byName(org.wrapupCodes),
    roles: new Set(org.roles.map(lower)),
    userIdOf: new Map(),
    wrapupIdOf: new Map(),
    liveWrapupNames: new Set(),
    liveSkillNames: new Set(),
    managedSkillNames: new Set([...mapping.skills.values()].map((s) => lower(s.name))),
    notes: [],
  };
}
