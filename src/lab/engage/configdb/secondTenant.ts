// A second, small Engage tenant ("Tenant_B", DBID 2) beside the seeded one, for the tenant rules of
// seed 003 ("EXEC can work only with a single Engage tenant"; a transaction per tenant): same folder
// names, its own switch, people, queue, group, disposition codes and hybrid_integration transaction.
import {
  CfgDNType,
  CfgObjectType,
  CfgSwitchType,
  CfgTransactionType,
} from '../../../engage/configdb/enums.ts';
import type { SeedOptions } from './constants.ts';
import type { DatasetBuilder, Row } from './dataset.ts';

export const SECOND_TENANT = {
  dbid: 2,
  name: 'Tenant_B',
  switch: { dbid: 9101, name: 'B_Switch' },
  skill: { dbid: 9201, name: 'B_Skill' },
  persons: [9001, 9002, 9003],
  vq: { dbid: 9301, number: 'VQ_B_Sales' },
  group: { dbid: 9401, name: 'AG_B_Sales' },
  attribute: { dbid: 9501, value: 9601, valueName: 'B_Resolved' },
  transactionDbid: 2,
  orgId: 'b0000000-0000-4000-8000-00000000000b',
  clientId: 'tenant-b-client',
} as const;

/** Adds tenant B with the builder's helpers, then moves every row it added into tenant B. */
export function seedSecondTenant(b: DatasetBuilder, o: SeedOptions): void {
  const before = new Map([...b.rows].map(([t, rows]) => [t, rows.length]));
  const T = SECOND_TENANT;
  b.add('cfg_tenant', {
    dbid: T.dbid,
    name: T.name,
    is_serv_provider: 1,
    is_super_tenant: 1,
    state: 1,
    csid: T.dbid,
  });
  b.add('cfg_switch', {
    dbid: T.switch.dbid,
    tenant_dbid: T.dbid,
    type: CfgSwitchType.SIPSwitch,
    name: T.switch.name,
    state: 1,
  });
  const owner = { type: CfgObjectType.Tenant, dbid: T.dbid };
  const persons = b.folder('EX_EVOLUTION', CfgObjectType.Person, null, owner);
  const skills = b.folder('EX_EVOLUTION', CfgObjectType.Skill, null, owner);
  const groups = b.folder('EX_EVOLUTION', CfgObjectType.AgentGroup, null, owner);
  const dns = b.folder('EX_EVOLUTION', CfgObjectType.DN, null, {
    type: CfgObjectType.Switch,
    dbid: T.switch.dbid,
  });
  b.add('cfg_skill', { dbid: T.skill.dbid, tenant_dbid: T.dbid, name: T.skill.name, state: 1 });
  b.inFolder(skills, CfgObjectType.Skill, T.skill.dbid);
  for (const [i, dbid] of T.persons.entries()) {
    b.person({
      dbid,
      userName: `b.agent${i + 1}@fabrikam.example`,
      employeeId: `B${dbid}`,
      email: `b.agent${i + 1}@fabrikam.example`,
      firstName: 'Bea',
      lastName: `Agent${i + 1}`,
      isAgent: true,
      enabled: true,
      placeDbid: null,
      folderDbid: persons,
    });
    b.add('cfg_skill_level', { person_dbid: dbid, skill_dbid: T.skill.dbid, level_: 5 });
  }
  b.dn({
    dbid: T.vq.dbid,
    switchDbid: T.switch.dbid,
    number: T.vq.number,
    type: CfgDNType.VirtACDQueue,
    folderDbid: dns,
  });
  b.agentGroup(T.group.dbid, T.group.name, groups);
  for (const p of T.persons) b.add('cfg_agent_group', { group_dbid: T.group.dbid, agent_dbid: p });
  b.annex(CfgObjectType.AgentGroup, T.group.dbid, 'hybrid', 'WFM_queue_number', T.vq.number);
  b.add('cfg_enumerator', {
    dbid: T.attribute.dbid,
    tenant_dbid: T.dbid,
    name: 'DispositionCode',
    display_name: 'DispositionCode',
    type: 1,
    state: 1,
  });
  b.add('cfg_enumerator_value', {
    dbid: T.attribute.value,
    tenant_dbid: T.dbid,
    enumerator_dbid: T.attribute.dbid,
    name: T.attribute.valueName,
    display_name: T.attribute.valueName,
    is_default: 2,
    state: 1,
  });
  const tx = T.transactionDbid;
  b.add('cfg_transaction', {
    dbid: tx,
    tenant_dbid: T.dbid,
    name: 'hybrid_integration',
    type: CfgTransactionType.List,
    alias: 'hybrid_integration',
    state: 1,
  });
  b.annex(CfgObjectType.Transaction, tx, 'general', 'organization_id', T.orgId);
  b.annex(CfgObjectType.Transaction, tx, 'general', 'base_service_url', o.cloudUrl);
  b.annex(CfgObjectType.Transaction, tx, 'config_sync', 'client_id', T.clientId);
  for (const [table, rows] of b.rows) {
    for (const row of rows.slice(before.get(table) ?? 0)) moveToTenant(row, T.dbid);
  }
}

function moveToTenant(row: Row, tenant: number): void {
  if ('tenant_dbid' in row) row.tenant_dbid = tenant;
  if ('tenant_csid' in row) row.tenant_csid = tenant;
}
