// The EX Org as the Engage configuration says it should be: the output of the mapping rules.

export type RoleClass = 'nonagent' | 'agent' | 'supervisor';

export interface DesiredSkillLevel {
  name: string;
  /** 0.0–5.0, one decimal. */
  proficiency: number;
}

export interface DesiredUser {
  personDbid: number;
  userName: string;
  displayName: string;
  email?: string;
  externalId: string;
  active: boolean;
  division: 'Home';
  roleClass: RoleClass;
  /** The role names of `roleClass` (existence in the org is checked by the planner). */
  roles: string[];
  skills: DesiredSkillLevel[];
  engageUserName: string;
  employeeId: string;
  isAgent: boolean;
  logins: { code: string; switch: string }[];
}

export interface DesiredSkill {
  dbid: number;
  name: string;
}

export interface DesiredQueue {
  dnDbid: number;
  number: string;
  switch: string;
  name: string;
  description: string;
  peerId: string;
  /** Person DBIDs of the members (only persons that map to an active user). */
  memberDbids: number[];
}

export interface DesiredWrapupCode {
  name: string;
}

export interface DesiredExtension {
  dbid: number;
  number: string;
  switch: string;
  place?: string;
  agentDbid?: number;
}

export type SkippedType = 'user' | 'queueLink' | 'vagScript' | 'nameClash' | 'userNameTaken';

/** An object the rules left out, with the reason an operator reads in the log and in /status. */
export interface Skipped {
  type: SkippedType;
  dbid: number;
  name: string;
  reason: string;
}

export interface Desired {
  users: DesiredUser[];
  skills: DesiredSkill[];
  queues: DesiredQueue[];
  wrapupCodes: DesiredWrapupCode[];
  extensions: DesiredExtension[];
  source: { name: string };
  skipped: Skipped[];
}
