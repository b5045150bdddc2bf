// Persons → Users (seed 003, "Person Details" and "Roles").
import type { DesiredSkillLevel, DesiredUser, RoleClass, Skipped } from '../desired.ts';
import type { EngagePerson } from '../model.ts';
import type { RuleOptions } from './options.ts';

// Deliberately plain: one @, no spaces, a dot in the domain. Genesys Cloud decides the finer points.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function isValidEmail(s: string): boolean {
  return EMAIL_RE.test(s.trim());
}

/** The first valid e-mail among User Name, Employee ID, E-Mail; undefined when none is. */
export function userNameOf(p: Pick<EngagePerson, 'userName' | 'employeeId' | 'email'>): string | undefined {
  for (const v of [p.userName, p.employeeId, p.email]) if (isValidEmail(v)) return v.trim();
  return undefined;
}

/** "First Last"; the User Name when both are empty; one of them alone when only one is set. */
export function displayNameOf(p: Pick<EngagePerson, 'firstName' | 'lastName' | 'userName'>): string {
  const full = [p.firstName.trim(), p.lastName.trim()].filter((x) => x !== '').join(' ');
  return full || p.userName;
}

export function externalIdOf(p: Pick<EngagePerson, 'dbid' | 'userName'>): string {
  return `${p.dbid}_${p.userName}`;
}

/** Non-agent: "Is Agent" unchecked; supervisor: an agent whose htcc/roles lists Supervisor (any case). */
export function roleClassOf(p: Pick<EngagePerson, 'isAgent' | 'htccRoles'>): RoleClass {
  if (!p.isAgent) return 'nonagent';
  const roles = p.htccRoles.split(',').map((r) => r.trim().toLowerCase());
  return roles.includes('supervisor') ? 'supervisor' : 'agent';
}

export function mapUser(
  p: EngagePerson,
  opts: RuleOptions,
  skills: DesiredSkillLevel[],
): DesiredUser | Skipped {
  const userName = userNameOf(p);
  if (userName === undefined) {
    return {
      type: 'user',
      dbid: p.dbid,
      name: p.userName,
      reason: 'no valid e-mail address in User Name, Employee ID or E-Mail',
    };
  }
  const roleClass = roleClassOf(p);
  const email = p.email.trim();
  return {
    personDbid: p.dbid,
    userName,
    displayName: displayNameOf(p),
    ...(email ? { email } : {}),
    externalId: externalIdOf(p),
    active: p.enabled,
    division: 'Home',
    roleClass,
    roles: opts.roles[roleClass],
    skills,
    engageUserName: p.userName,
    employeeId: p.employeeId,
    isAgent: p.isAgent,
    logins: p.logins,
  };
}

export function isSkipped(v: DesiredUser | Skipped): v is Skipped {
  return 'reason' in v;
}
