// The Engage contact center as the mapping rules see it: plain data, already joined by DBID. The reader's
// rows are turned into this by `snapshot.ts`, so the rules never depend on SQL shapes.

export interface EngagePerson {
  dbid: number;
  userName: string;
  firstName: string;
  lastName: string;
  employeeId: string;
  email: string;
  isAgent: boolean;
  enabled: boolean;
  /** Annex htcc/roles, as written (comma-separated). */
  htccRoles: string;
  /** Skill levels by skill name (a person's Engage skills, in scope or not: VAG scripts need them all). */
  skills: { skillDbid: number; name: string; level: number }[];
  /** Agent logins: code and switch name. */
  logins: { code: string; switch: string }[];
  placeDbid?: number;
  /** Folder names from the top of the Persons unit down to the folder holding the person. */
  folders: string[];
}

export interface EngageSkill {
  dbid: number;
  name: string;
  folders: string[];
}

export interface EngageDn {
  dbid: number;
  /** `cfg_dn.number_`: the DN "name" the seeds use for VQs. */
  number: string;
  /** CfgDNType: 1 Extension, 5 Virtual Queue, … */
  type: number;
  switch: string;
  enabled: boolean;
  /** Latest change in the history (UTC), absent when the history has none. */
  lastModified?: Date;
  folders: string[];
}

export interface EngageAgentGroup {
  dbid: number;
  name: string;
  /** Static members (cfg_agent_group). */
  memberDbids: number[];
  /** Annex hybrid/WFM_queue_number: `<DN>` or `<DN>@<SWITCH>`. */
  wfmQueueNumber?: string;
  /** Annex virtual/script: present for a Virtual Agent Group. */
  vagScript?: string;
  folders: string[];
}

export interface EngageBusinessAttribute {
  dbid: number;
  name: string;
  /** CfgEnumeratorType: 1 Interaction Operational Attribute. */
  type: number;
  /** Annex htcc/contains, as written. */
  htccContains?: string;
  values: { dbid: number; name: string }[];
}

export interface EngagePlace {
  dbid: number;
  name: string;
  dnDbids: number[];
}

export interface EngageSnapshot {
  tenant: { dbid: number; name: string };
  persons: EngagePerson[];
  skills: EngageSkill[];
  dns: EngageDn[];
  agentGroups: EngageAgentGroup[];
  businessAttributes: EngageBusinessAttribute[];
  places: EngagePlace[];
  /** The hybrid_integration transaction annex: section → key → value. */
  transaction: Record<string, Record<string, string>>;
}

export const DN_TYPE = { extension: 1, virtualQueue: 5 } as const;
export const ENUMERATOR_TYPE = { interactionOperational: 1 } as const;
