// Tenants (cfg_tenant).
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
