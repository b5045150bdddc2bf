// The mapping entry of a user, from what the rules wanted and what was applied.
import type { Desired, DesiredUser, RoleClass } from '../desired.ts';
import type { UserEntry } from '../store/entries.ts';
import type { MappingStore } from '../store/mappingStore.ts';

export function userEntryOf(u: DesiredUser, cloudId: string, roleClass: RoleClass = u.roleClass): UserEntry {
  return {
    cloudId,
    userName: u.userName,
    roleClass,
    displayName: u.displayName,
    ...(u.email !== undefined ? { email: u.email } : {}),
    externalId: u.externalId,
    active: u.active,
    skills: u.skills,
    engageUserName: u.engageUserName,
    employeeId: u.employeeId,
    isAgent: u.isAgent,
    logins: u.logins,
  };
}

/** Fields only the mapping API shows (no cloud call carries them): refreshed after every pass. */
export function apiFieldsDiffer(e: UserEntry, u: DesiredUser): boolean {
  return (
    e.engageUserName !== u.engageUserName ||
    e.employeeId !== u.employeeId ||
    e.isAgent !== u.isAgent ||
    JSON.stringify(e.logins) !== JSON.stringify(u.logins)
  );
}

/** After a pass: the mapping API's fields of every mapped user, where Engage changed them. */
export async function refreshApiFields(mapping: MappingStore, desired: Desired): Promise<void> {
  for (const u of desired.users) {
    const e = mapping.users.get(u.personDbid);
    if (!e || !apiFieldsDiffer(e, u)) continue;
    await mapping.putUser(u.personDbid, {
      ...e,
      engageUserName: u.engageUserName,
      employeeId: u.employeeId,
      isAgent: u.isAgent,
      logins: u.logins,
    });
  }
}
