// Every Config DB table name the reader uses, in one place (reference §3: several names are
// UNCONFIRMED and must be checked against a customer DB before go-live; see docs/config-db.md).
// Names are unqualified: a Config DB in another schema is reached through the user's search_path.
export const T = {
  tenant: 'cfg_tenant',
  switch: 'cfg_switch',
  person: 'cfg_person',
  agentLogin: 'cfg_agent_login',
  loginInfo: 'cfg_login_info',
  skill: 'cfg_skill',
  skillLevel: 'cfg_skill_level',
  place: 'cfg_place',
  placeDn: 'cfg_place_dn', // UNCONFIRMED
  dn: 'cfg_dn',
  group: 'cfg_group',
  agentGroup: 'cfg_agent_group',
  groupManager: 'cfg_group_manager', // UNCONFIRMED
  flexProp: 'cfg_flex_prop',
  folder: 'cfg_folder', // UNCONFIRMED
  folderObj: 'cfg_folder_obj', // UNCONFIRMED
  enumerator: 'cfg_enumerator', // UNCONFIRMED
  enumeratorValue: 'cfg_enumerator_value', // UNCONFIRMED
  transaction: 'cfg_transaction', // UNCONFIRMED
  history: 'cfg_hdb_audit_entry', // UNCONFIRMED
} as const;

/** States the reader returns: Enabled and Disabled. Deleted (3) rows are treated as absent. */
export const LIVE_STATES = '(1, 2)';
