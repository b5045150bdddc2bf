// Seed 003 "Mapping Queue Parameters".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tenantNameFrom } from './options.ts';
import { queueDescription, queueName } from './queues.ts';

test('queue name: <DN>__<SWITCH>__<suffix without its leading separator>', () => {
  const table: [string, string, string, string][] = [
    ['VQ_Sales_Leads', 'VQ-Switch', '-Engage-external', 'VQ_Sales_Leads__VQ-Switch__Engage-external'],
    ['VQ_Sales_Leads', 'VQ-Switch', '_Engage-external', 'VQ_Sales_Leads__VQ-Switch__Engage-external'],
    ['VQ_Sales_Leads', 'VQ-Switch', 'Engage-external', 'VQ_Sales_Leads__VQ-Switch__Engage-external'],
    ['VQ_Sales_Leads', 'VQ-Switch', '', 'VQ_Sales_Leads__VQ-Switch'],
    ['VQ1', 'SIP_Switch', '-X', 'VQ1__SIP_Switch__X'],
  ];
  for (const [dn, sw, suffix, want] of table) assert.equal(queueName(dn, sw, suffix), want);
});

test('description: reference and Last modified in UTC, without it when there is no history', () => {
  const table: [string, string, string, Date | undefined, string][] = [
    [
      'tenant001',
      'SIPSwitch',
      'VQ_Sales_Leads',
      new Date('2023-04-19T13:05:25Z'),
      'Engage Reference: tenant001-SIPSwitch-VQ_Sales_Leads; Last modified: 13:05:25 04/19/2023;',
    ],
    [
      'tenant001',
      'SIPSwitch',
      'VQ_Sales_Leads',
      new Date('2023-01-02T03:04:05Z'),
      'Engage Reference: tenant001-SIPSwitch-VQ_Sales_Leads; Last modified: 03:04:05 01/02/2023;',
    ],
    ['default_tenant', 'S', 'VQ', undefined, 'Engage Reference: default_tenant-S-VQ;'],
  ];
  for (const [tenant, sw, dn, when, want] of table)
    assert.equal(queueDescription(tenant, sw, dn, when), want);
});

test('tenant: TENANT_NAME, else TENANT_ID, else EXEC_TENANT_ID, else default_tenant', () => {
  const table: [Record<string, string>, string][] = [
    [{ TENANT_NAME: 'acme', TENANT_ID: '7', EXEC_TENANT_ID: '101' }, 'acme'],
    [{ TENANT_ID: '7', EXEC_TENANT_ID: '101' }, '7'],
    [{ EXEC_TENANT_ID: '101' }, '101'],
    [{ TENANT_ID: ' ', EXEC_TENANT_ID: 'Tenant_B' }, 'Tenant_B'],
    [{ TENANT_ID: '7' }, '7'],
    [{ TENANT_NAME: ' ', TENANT_ID: '7' }, '7'],
    [{}, 'default_tenant'],
  ];
  for (const [env, want] of table) assert.equal(tenantNameFrom(env), want);
});
