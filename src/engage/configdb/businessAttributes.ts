// Business attributes (cfg_enumerator) and their values (cfg_enumerator_value); both table names
// UNCONFIRMED. Never folder-filtered (seed 003: "Folder Filtering cannot be used for BAs").
import type { QueryClient } from './client.ts';
import { tenantSql } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface BusinessAttributeRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  display_name: string | null;
  type: number;
  state: number;
}

export async function readBusinessAttributes(
  client: QueryClient,
  tenantDbid: number | null,
): Promise<BusinessAttributeRow[]> {
  const { rows } = await client.query<BusinessAttributeRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(tenant_dbid AS INT) AS tenant_dbid, name,
            display_name, CAST(type AS INT) AS type, CAST(state AS INT) AS state
       FROM ${T.enumerator} e WHERE e.state IN ${LIVE_STATES}${tenantSql('e', tenantDbid)} ORDER BY dbid`,
  );
  return rows;
}

export interface BusinessAttributeValueRow {
  dbid: number;
  enumerator_dbid: number;
  name: string;
  display_name: string | null;
  description: string | null;
  is_default: number;
  state: number;
}

export async function readBusinessAttributeValues(
  client: QueryClient,
  tenantDbid: number | null,
): Promise<BusinessAttributeValueRow[]> {
  const { rows } = await client.query<BusinessAttributeValueRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(enumerator_dbid AS INT) AS enumerator_dbid, name,
            display_name, description, CAST(is_default AS INT) AS is_default,
            CAST(state AS INT) AS state
       FROM ${T.enumeratorValue} v WHERE v.state IN ${LIVE_STATES}${tenantSql('v', tenantDbid)}
      ORDER BY enumerator_dbid, dbid`,
  );
  return rows;
}
