// Tenants (cfg_tenant), and which one EXEC works with (seed 003: one Engage tenant, EXEC_TENANT_ID,
// "DBID of the Tenant configuration object … can be used"; we accept its name too).
import { ConfigError } from '../../core/errors.ts';
import type { QueryClient } from './client.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface TenantRow {
  dbid: number;
  name: string;
  state: number;
}

export async function readTenants(client: QueryClient): Promise<TenantRow[]> {
  const { rows } = await client.query<TenantRow>(
    `SELECT CAST(dbid AS INT) AS dbid, name, CAST(state AS INT) AS state
       FROM ${T.tenant} WHERE state IN ${LIVE_STATES} ORDER BY dbid`,
  );
  return rows;
}

/** The tenant whose DBID, else whose exact name, is `wanted`; a ConfigError naming EXEC_TENANT_ID otherwise. */
export function pickTenant(tenants: readonly TenantRow[], wanted: string): TenantRow {
  const w = wanted.trim();
  const byDbid = /^\d+$/.test(w) ? tenants.find((t) => t.dbid === Number(w)) : undefined;
  const found = byDbid ?? tenants.find((t) => t.name === w);
  if (found) return found;
  const known = tenants.map((t) => `${t.dbid} "${t.name}"`).join(', ') || 'none';
  throw new ConfigError('Engage tenant not found', [
    `EXEC_TENANT_ID: ${JSON.stringify(wanted)} is neither the DBID nor the name of a tenant in the Config DB (tenants: ${known})`,
  ]);
}
