// The Engage model: what the Config DB reader returns and the mapping rules consume. Plain data only
// (no Date, no Map) so that it serialises to JSON and compares with deepEqual in tests.
// Times are ISO-8601 UTC strings. Names are kept exactly as stored (Engage names are case-sensitive).
import type { CfgObjectTypeName, DnTypeName, HistoryOperationName } from './enums.ts';

export type { CfgObjectTypeName, DnTypeName, HistoryOperationName } from './enums.ts';

/** `state` 1 Enabled, 2 Disabled. Rows in state 3 (Deleted) are never returned: absent = deleted. */
export type EngageState = 'enabled' | 'disabled';

/** An object's Annex (`userProperties`, "Options" tab): section → key → value, values as stored. */
export type Annex = Record<string, Record<string, string>>;

/** Where an object sits in the folder tree: the chain of folder names from the top folder down. */
export interface FolderPlacement {
  /** DBID of the folder immediately holding the object; null when it sits at the root of its unit. */
  folderDbid: number | null;
  /** Folder names from the top-level folder of the configuration unit down to `folderDbid`. */
  folderPath: string[];
}

/** Common to every object: the newest Configuration History record about it (null: none kept). */
export interface HistoryStamp {
  lastModified: string | null;
}

export interface EngageTenant {
  dbid: number;
  name: string;
  state: EngageState;
}

export interface EngageSwitch extends HistoryStamp {
  dbid: number;
  tenantDbid: number;
  name: string;
  /** CfgSwitchType code (72 SIPSwitch, UNCONFIRMED). */
  type: number;
  state: EngageState;
}

export interface EngageSkillLevel {
  skillDbid: number;
  /** Name of the skill, resolved from cfg_skill; null when the link dangles (a finding is added). */
  skillName: string | null;
  /** `cfg_skill_level.level_`: any integer, unbounded in Engage. */
  level: number;
}

export interface EngageAgentLogin {
  dbid: number;
  loginCode: string;
  switchDbid: number;
  switchName: string | null;
  state: EngageState;
  wrapupTime: number | null;
}

export interface EngagePerson extends FolderPlacement, HistoryStamp {
  dbid: number;
  tenantDbid: number;
  /** "User Name". */
  userName: string;
  /** "Employee ID"; null when empty. */
  employeeId: string | null;
  /** "E-Mail" (`emailAddress`); null when empty. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  externalId: string | null;
  /** "Is Agent" (CfgFlag True). */
  isAgent: boolean;
  isAdmin: boolean;
  state: EngageState;
  /** Default place; null when none. */
  placeDbid: number | null;
  skillLevels: EngageSkillLevel[];
  agentLogins: EngageAgentLogin[];
  /** `htcc/roles` split on commas and trimmed, casing as stored (empty when absent). */
  htccRoles: string[];
  annex: Annex;
}

export interface EngageSkill extends FolderPlacement, HistoryStamp {
  dbid: number;
  tenantDbid: number;
  name: string;
  state: EngageState;
}

export interface EngageDn extends FolderPlacement, HistoryStamp {
  dbid: number;
  tenantDbid: number;
  /** `cfg_dn.number_`: for a Virtual Queue the textual VQ name (the seeds' "DN name"). */
  number: string;
  /** The alias (`cfg_dn.name`); null when empty. */
  alias: string | null;
  /** CfgDNType code (5 = VirtACDQueue) and its name; `typeName` null for an unknown code. */
  type: number;
  typeName: DnTypeName | null;
  switchDbid: number;
  switchName: string | null;
  state: EngageState;
  /** Place whose DN list holds this DN (extensions); null when none. */
  placeDbid: number | null;
  annex: Annex;
}

export interface EngagePlace extends FolderPlacement, HistoryStamp {
  dbid: number;
  tenantDbid: number;
  name: string;
  state: EngageState;
  dnDbids: number[];
}

export interface EngageFolder {
  dbid: number;
  tenantDbid: number;
  name: string;
  /** The object type the folder holds (Person, Skill, DN, AgentGroup, …). */
  objectType: CfgObjectTypeName | null;
  objectTypeCode: number;
  /** Parent folder; null for a top-level folder (its parent is the owner). */
  parentDbid: number | null;
  ownerType: number;
  ownerDbid: number;
  /** Names from the top-level folder down to and including this folder. */
  path: string[];
  state: EngageState;
}

export interface EngageAgentGroup extends FolderPlacement, HistoryStamp {
  dbid: number;
  tenantDbid: number;
  name: string;
  state: EngageState;
  /** Person DBIDs in `cfg_agent_group` (static members; a VAG normally has none stored). */
  memberDbids: number[];
  /** Person DBIDs of the group's supervisors (`managerDBIDs`). */
  managerDbids: number[];
  /** Annex `hybrid/WFM_queue_number`: `<DN>` or `<DN>@<SWITCH>`; null when absent or malformed. */
  wfmQueueNumber: string | null;
  /** Annex `virtual/script`: the VAG skill expression; null for a static group. */
  virtualScript: string | null;
  isVirtual: boolean;
  annex: Annex;
}

export interface EngageBusinessAttributeValue extends HistoryStamp {
  dbid: number;
  enumeratorDbid: number;
  name: string;
  displayName: string | null;
  description: string | null;
  isDefault: boolean;
  state: EngageState;
  annex: Annex;
}

export interface EngageBusinessAttribute extends HistoryStamp {
  dbid: number;
  tenantDbid: number;
  name: string;
  displayName: string | null;
  /** CfgEnumeratorType code: 1 = Interaction Operational Attribute. */
  type: number;
  state: EngageState;
  /** Annex `htcc/contains` exactly as stored (compare case-sensitively); null when absent. */
  htccContains: string | null;
  annex: Annex;
  values: EngageBusinessAttributeValue[];
}

/** A `hybrid_integration` List transaction: its annex sections (`general`, `config_sync`, …). */
export interface EngageTransaction extends HistoryStamp {
  dbid: number;
  tenantDbid: number;
  name: string;
  alias: string | null;
  state: EngageState;
  sections: Annex;
}

/** Bad data the reader met and skipped past; never thrown. */
export interface ConfigDbFinding {
  code:
    | 'dangling-reference'
    | 'annex-wrong-shape'
    | 'annex-duplicate-key'
    | 'annex-wrong-type'
    | 'unknown-enum-value'
    | 'missing-transaction'
    | 'unmatched-folder';
  objectType: CfgObjectTypeName | 'Unknown';
  dbid: number;
  name: string | null;
  /** One line an operator can act on: what, where, and what the reader did about it. */
  message: string;
}

/** Where the next `readChangesSince` starts: the highest history record id seen. */
export interface ChangeCursor {
  historyId: number;
}

export interface ConfigChange {
  historyId: number;
  operation: HistoryOperationName;
  objectType: CfgObjectTypeName | 'Unknown';
  objectTypeCode: number;
  dbid: number;
  tenantDbid: number | null;
  changedAt: string;
}

export interface ChangesSince {
  cursor: ChangeCursor;
  changes: ConfigChange[];
}

export interface SnapshotScope {
  /** Folder names (SYNC_CUSTOMER_FOLDER_NAME) when folder filtering is on; null when off. */
  folderFilter: string[] | null;
}

/**
 * Everything config sync needs, read in one REPEATABLE READ transaction. With folder filtering on,
 * persons, skills, DNs, agent groups (and places) hold only objects in the named folders or their
 * subfolders; business attributes, switches, tenants and the transaction are never filtered.
 * Skill levels and group members may name objects outside the scope: consumers decide.
 */
export interface EngageSnapshot {
  /** Database time at the start of the read (UTC). */
  readAt: string;
  /** History position at the read: pass it to readChangesSince to see what changed after. */
  cursor: ChangeCursor;
  scope: SnapshotScope;
  tenants: EngageTenant[];
  switches: EngageSwitch[];
  folders: EngageFolder[];
  persons: EngagePerson[];
  skills: EngageSkill[];
  dns: EngageDn[];
  places: EngagePlace[];
  agentGroups: EngageAgentGroup[];
  businessAttributes: EngageBusinessAttribute[];
  /** The `hybrid_integration` transaction (lowest tenant DBID first); null when absent (a finding). */
  hybridIntegration: EngageTransaction | null;
  findings: ConfigDbFinding[];
}
