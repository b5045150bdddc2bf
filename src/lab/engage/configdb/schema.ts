// The lab Config DB schema: the real Engage cfg_* tables, columns and enumerations as far as public
// sources give them (shared/reference/engage-config-db.md); unconfirmed names are marked and listed in
// docs/config-db.md. One statement per array entry so that pg and PGlite run the very same SQL.
// No foreign keys: the real Config DB has none ("Configuration Server manages all data integrity"),
// and the reader must cope with dangling links, which tests create on purpose.

const name = 'varchar(255)';

export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE TABLE cfg_locale (
    lcid integer NOT NULL, lc_class integer NOT NULL, lc_type integer NOT NULL,
    lc_subtype integer NOT NULL, lc_value ${name},
    PRIMARY KEY (lcid, lc_class, lc_type, lc_subtype))`,
  `CREATE TABLE cfg_tenant (
    dbid integer PRIMARY KEY, is_serv_provider integer, name ${name} NOT NULL, password varchar(64),
    address_line1 ${name}, address_line2 ${name}, address_line3 ${name}, address_line4 ${name},
    address_line5 ${name}, chargeable_number ${name}, tenant_person_dbid integer,
    provid_person_dbid integer, is_super_tenant integer, state integer NOT NULL DEFAULT 1,
    csid integer, tenant_person_csid integer, provid_person_csid integer, capacity_dbid integer,
    contract_dbid integer, parent_tenant_dbid integer)`,
  `CREATE TABLE cfg_switch (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, phys_switch_dbid integer,
    type integer NOT NULL, name ${name} NOT NULL, link_type integer, state integer NOT NULL DEFAULT 1,
    csid integer, tenant_csid integer)`,
  // email_address, external_id: lab additions (PSDK emailAddress/externalID; storage UNCONFIRMED).
  `CREATE TABLE cfg_person (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, last_name ${name}, first_name ${name},
    address_line1 ${name}, address_line2 ${name}, address_line3 ${name}, address_line4 ${name},
    address_line5 ${name}, office ${name}, home ${name}, mobile ${name}, pager ${name}, fax ${name},
    modem ${name}, phones_comment ${name}, birthdate ${name}, comment_ ${name},
    employee_id ${name}, user_name ${name} NOT NULL, password varchar(64),
    is_agent integer NOT NULL DEFAULT 1, is_admin integer NOT NULL DEFAULT 1,
    state integer NOT NULL DEFAULT 1, csid integer, tenant_csid integer, place_dbid integer,
    place_csid integer, capacity_dbid integer, site_dbid integer, contract_dbid integer,
    email_address ${name}, external_id ${name})`,
  `CREATE TABLE cfg_agent_login (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, switch_dbid integer NOT NULL,
    login_code ${name} NOT NULL, use_override integer, override_ ${name},
    switch_specific_type integer, password varchar(64), state integer NOT NULL DEFAULT 1,
    csid integer, tenant_csid integer, switch_csid integer)`,
  `CREATE TABLE cfg_login_info (
    person_dbid integer NOT NULL, agent_login_dbid integer NOT NULL, wrapup_time integer,
    PRIMARY KEY (person_dbid, agent_login_dbid))`,
  `CREATE TABLE cfg_skill (
    dbid integer PRIMARY KEY, name ${name} NOT NULL, tenant_dbid integer NOT NULL,
    state integer NOT NULL DEFAULT 1, csid integer, tenant_csid integer)`,
  `CREATE TABLE cfg_skill_level (
    person_dbid integer NOT NULL, skill_dbid integer NOT NULL, level_ integer NOT NULL,
    PRIMARY KEY (person_dbid, skill_dbid))`,
  `CREATE TABLE cfg_place (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, name ${name} NOT NULL,
    state integer NOT NULL DEFAULT 1, csid integer, tenant_csid integer, capacity_dbid integer,
    site_dbid integer, contract_dbid integer)`,
  // The DNs of a place (PSDK CfgPlace.DNDBIDs): table name UNCONFIRMED.
  `CREATE TABLE cfg_place_dn (
    place_dbid integer NOT NULL, dn_dbid integer NOT NULL, PRIMARY KEY (place_dbid, dn_dbid))`,
  `CREATE TABLE cfg_dn (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, switch_dbid integer NOT NULL,
    number_ ${name} NOT NULL, type integer NOT NULL, name ${name}, association ${name},
    register_all integer, group_dbid integer, trunks integer, route_type integer,
    dn_login_id ${name}, state integer NOT NULL DEFAULT 1, use_override integer,
    override_ ${name}, switch_specific_type integer, site_dbid integer, contract_dbid integer,
    csid integer, switch_csid integer, tenant_csid integer)`,
  `CREATE TABLE cfg_group (
    dbid integer PRIMARY KEY, group_type integer NOT NULL, tenant_dbid integer NOT NULL,
    name ${name} NOT NULL, cap_table_dbid integer, quota_table_dbid integer,
    state integer NOT NULL DEFAULT 1, dn_group_type integer, csid integer, tenant_csid integer,
    cap_table_csid integer, quota_table_csid integer, capacity_dbid integer, site_dbid integer,
    contract_dbid integer)`,
  `CREATE TABLE cfg_agent_group (
    group_dbid integer NOT NULL, agent_dbid integer NOT NULL, PRIMARY KEY (group_dbid, agent_dbid))`,
  // Group supervisors (managerDBIDs) and DN-group members: table names UNCONFIRMED.
  `CREATE TABLE cfg_group_manager (
    group_dbid integer NOT NULL, person_dbid integer NOT NULL, PRIMARY KEY (group_dbid, person_dbid))`,
  `CREATE TABLE cfg_dn_group (
    group_dbid integer NOT NULL, dn_dbid integer NOT NULL, trunks integer,
    PRIMARY KEY (group_dbid, dn_dbid))`,
  `CREATE TABLE cfg_flex_prop (
    dbid integer PRIMARY KEY, object_dbid integer NOT NULL, object_type integer NOT NULL,
    parent_dbid integer, prop_type integer NOT NULL DEFAULT 1, prop_name ${name} NOT NULL,
    prop_value text)`,
  `CREATE INDEX cfg_flex_prop_object ON cfg_flex_prop (object_type, object_dbid)`,
  // Folders and their members: table names UNCONFIRMED (lab choice of the reference).
  `CREATE TABLE cfg_folder (
    dbid integer PRIMARY KEY, name ${name} NOT NULL, type integer NOT NULL,
    folder_class integer NOT NULL DEFAULT 1, owner_dbid integer NOT NULL, owner_type integer NOT NULL,
    parent_dbid integer, state integer NOT NULL DEFAULT 1, custom_type integer,
    description ${name}, tenant_dbid integer NOT NULL)`,
  `CREATE TABLE cfg_folder_obj (
    folder_dbid integer NOT NULL, object_type integer NOT NULL, object_dbid integer NOT NULL,
    PRIMARY KEY (object_type, object_dbid))`,
  `CREATE INDEX cfg_folder_obj_folder ON cfg_folder_obj (folder_dbid)`,
  // Business attributes and their values: table names UNCONFIRMED.
  `CREATE TABLE cfg_enumerator (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, name ${name} NOT NULL,
    display_name ${name}, description ${name}, type integer NOT NULL,
    state integer NOT NULL DEFAULT 1, csid integer, tenant_csid integer)`,
  `CREATE TABLE cfg_enumerator_value (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, enumerator_dbid integer NOT NULL,
    name ${name} NOT NULL, display_name ${name}, description ${name},
    is_default integer NOT NULL DEFAULT 1, state integer NOT NULL DEFAULT 1, csid integer,
    tenant_csid integer)`,
  `CREATE TABLE cfg_transaction (
    dbid integer PRIMARY KEY, tenant_dbid integer NOT NULL, name ${name} NOT NULL,
    type integer NOT NULL, alias ${name}, description ${name}, record_period integer,
    state integer NOT NULL DEFAULT 1, csid integer, tenant_csid integer)`,
  // The Configuration History Log: table and columns UNCONFIRMED; change_time is UTC.
  `CREATE TABLE cfg_hdb_audit_entry (
    id bigserial PRIMARY KEY, operation_type integer NOT NULL, object_type integer NOT NULL,
    object_dbid integer NOT NULL, tenant_dbid integer,
    change_time timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    user_name ${name}, app_name ${name})`,
  `CREATE INDEX cfg_hdb_audit_entry_object ON cfg_hdb_audit_entry (object_type, object_dbid)`,
  // DBIDs are unique per object type and never re-used: one sequence per table the mutator adds to.
  ...[
    'cfg_person',
    'cfg_agent_login',
    'cfg_skill',
    'cfg_place',
    'cfg_dn',
    'cfg_group',
    'cfg_flex_prop',
    'cfg_folder',
    'cfg_enumerator',
    'cfg_enumerator_value',
    'cfg_switch',
    'cfg_transaction',
  ].map((t) => `CREATE SEQUENCE ${t}_dbid_seq`),
];

/** Tables the schema creates, for "is it there already" checks and resets. */
export const SCHEMA_TABLES: readonly string[] = SCHEMA_STATEMENTS.flatMap((s) => {
  const m = /^CREATE TABLE (\w+)/.exec(s);
  return m?.[1] ? [m[1]] : [];
});

/** The sequences, by table. */
export function dbidSequence(table: string): string {
  return `${table}_dbid_seq`;
}
