// Builders of Engage model objects for the rules' and preflight's table tests.
import type { EngagePerson } from '../model.ts';

/** An enabled agent with a valid e-mail user name and nothing else; `o` overrides any field. */
export function engagePerson(dbid: number, o: Partial<EngagePerson> = {}): EngagePerson {
  return {
    dbid,
    userName: `p${dbid}@corp.com`,
    firstName: '',
    lastName: '',
    employeeId: '',
    email: '',
    isAgent: true,
    enabled: true,
    htccRoles: '',
    skills: [],
    logins: [],
    folders: [],
    ...o,
  };
}
