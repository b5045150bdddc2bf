// Switches (cfg_switch) of the tenant: never folder-filtered, a DN's switch is always known.
import type { QueryClient } from './client.ts';
import { tenantSql } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface SwitchRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  type: number;
  state: number;
}

export async function readSwitches(client: QueryClient, tenantDbid: number | null): Promise<SwitchRow[]> {
  const { rows } = await client.query<SwitchRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(tenant_dbid AS INT) AS tenant_dbid, name,
            CAST(type AS INT) AS type, CAST(state AS INT) AS state
       FROM ${T.switch} s WHERE s.state IN ${LIVE_STATES}${tenantSql('s', tenantDbid)} ORDER BY dbid`,
  );
  return rows;
}
