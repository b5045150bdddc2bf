// Rows to insert, table by table, and the helpers that keep the Config DB's own conventions (DBIDs
// per object type, annex as a section/option tree, folder membership rows, csid = dbid).
import {
  CfgDNRegisterFlag,
  CfgFlag,
  CfgFolderClass,
  CfgGroupType,
  CfgObjectType,
  CfgRouteType,
  FlexPropType,
  HistoryOperation,
} from '../../../engage/configdb/enums.ts';

export type Row = Record<string, string | number | null>;
export type Dataset = Map<string, Row[]>;

export const TENANT_DBID = 1;

export interface PersonSpec {
  dbid: number;
  userName: string;
  employeeId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  isAgent: boolean;
  isAdmin?: boolean;
  enabled: boolean;
  placeDbid: number | null;
  folderDbid: number | null;
  roles?: string | null;
}

export class DatasetBuilder {
  readonly rows: Dataset = new Map();
  private flexDbid = 0;
  private folderDbid = 0;
  private readonly sections = new Map<string, number>();

  add(table: string, row: Row): void {
    const list = this.rows.get(table);
    if (list) list.push(row);
    else this.rows.set(table, [row]);
  }

  /** A folder; `parent` null puts it at the root of the unit of `owner`. */
  folder(
    name: string,
    objectType: number,
    parent: number | null,
    owner: { type: number; dbid: number } = { type: CfgObjectType.Tenant, dbid: TENANT_DBID },
  ): number {
    const dbid = ++this.folderDbid;
    this.add('cfg_folder', {
      dbid,
      name,
      type: objectType,
      folder_class: CfgFolderClass.Default,
      owner_dbid: owner.dbid,
      owner_type: owner.type,
      parent_dbid: parent,
      state: 1,
      custom_type: 0,
      description: null,
      tenant_dbid: TENANT_DBID,
    });
    return dbid;
  }

  inFolder(folderDbid: number | null, objectType: number, objectDbid: number): void {
    if (folderDbid === null) return;
    this.add('cfg_folder_obj', {
      folder_dbid: folderDbid,
      object_type: objectType,
      object_dbid: objectDbid,
    });
  }

  /** Annex section/key = value, the section row created on first use. */
  annex(objectType: number, objectDbid: number, section: string, key: string, value: string): void {
    const k = `${objectType}:${objectDbid}:${section}`;
    let sectionDbid = this.sections.get(k);
    if (sectionDbid === undefined) {
      const row = this.flexRow(objectType, objectDbid, null, FlexPropType.Section, section, null);
      sectionDbid = Number(row.dbid);
      this.sections.set(k, sectionDbid);
    }
    this.flexRow(objectType, objectDbid, sectionDbid, FlexPropType.Option, key, value);
  }

  /** A raw annex row, for bad data (a value where a section belongs, a section as a value). */
  flexRow(
    objectType: number,
    objectDbid: number,
    parent: number | null,
    propType: number,
    name: string,
    value: string | null,
  ): Row {
    const row: Row = {
      dbid: ++this.flexDbid,
      object_dbid: objectDbid,
      object_type: objectType,
      parent_dbid: parent,
      prop_type: propType,
      prop_name: name,
      prop_value: value,
    };
    this.add('cfg_flex_prop', row);
    return row;
  }

  person(p: PersonSpec): void {
    this.add('cfg_person', {
      dbid: p.dbid,
      tenant_dbid: TENANT_DBID,
      last_name: p.lastName,
      first_name: p.firstName,
      employee_id: p.employeeId,
      user_name: p.userName,
      password: null,
      is_agent: p.isAgent ? CfgFlag.True : CfgFlag.False,
      is_admin: p.isAdmin ? CfgFlag.True : CfgFlag.False,
      state: p.enabled ? 1 : 2,
      csid: p.dbid,
      tenant_csid: TENANT_DBID,
      place_dbid: p.placeDbid,
      email_address: p.email,
      external_id: null,
    });
    this.inFolder(p.folderDbid, CfgObjectType.Person, p.dbid);
    if (p.roles) this.annex(CfgObjectType.Person, p.dbid, 'htcc', 'roles', p.roles);
  }

  dn(d: {
    dbid: number;
    switchDbid: number;
    number: string;
    type: number;
    alias?: string | null;
    folderDbid: number | null;
  }): void {
    const vq = d.type === 5;
    this.add('cfg_dn', {
      dbid: d.dbid,
      tenant_dbid: TENANT_DBID,
      switch_dbid: d.switchDbid,
      number_: d.number,
      type: d.type,
      name: d.alias ?? null,
      register_all: CfgDNRegisterFlag.True,
      route_type: vq ? CfgRouteType.Default : CfgRouteType.NoRoute,
      state: 1,
      use_override: CfgFlag.True,
      switch_specific_type: 1,
      csid: d.dbid,
      switch_csid: d.switchDbid,
      tenant_csid: TENANT_DBID,
    });
    this.inFolder(d.folderDbid, CfgObjectType.DN, d.dbid);
  }

  agentGroup(dbid: number, name: string, folderDbid: number | null): void {
    this.add('cfg_group', {
      dbid,
      group_type: CfgGroupType.AgentGroup,
      tenant_dbid: TENANT_DBID,
      name,
      state: 1,
      csid: dbid,
      tenant_csid: TENANT_DBID,
    });
    this.inFolder(folderDbid, CfgObjectType.AgentGroup, dbid);
  }

  history(objectType: number, objectDbid: number, at: string, op: number = HistoryOperation.Change): void {
    this.add('cfg_hdb_audit_entry', {
      operation_type: op,
      object_type: objectType,
      object_dbid: objectDbid,
      tenant_dbid: TENANT_DBID,
      change_time: at,
      user_name: 'default',
      app_name: 'default',
    });
  }

  /** Highest DBID used per table, to start the mutator's sequences after it. */
  maxDbids(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [table, rows] of this.rows) {
      let max = 0;
      for (const r of rows) if (typeof r.dbid === 'number' && r.dbid > max) max = r.dbid;
      if (max > 0) out.set(table, max);
    }
    return out;
  }
}
