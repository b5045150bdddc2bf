// DNs (cfg_dn) with their switch and the place holding them; folder-filtered (DN folders sit under
// their switch). Switches themselves are never filtered.
import { CfgObjectType } from './enums.ts';
import type { QueryClient } from './client.ts';
import { scopeSql, type ReadScope } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface DnRow {
  dbid: number;
  tenant_dbid: number;
  dn_number: string;
  alias: string | null;
  type: number;
  switch_dbid: number;
  switch_name: string | null;
  state: number;
  place_dbid: number | null;
}

export async function readDns(client: QueryClient, scope: ReadScope): Promise<DnRow[]> {
  const { rows } = await client.query<DnRow>(
    `SELECT CAST(d.dbid AS INT) AS dbid, CAST(d.tenant_dbid AS INT) AS tenant_dbid,
            d.number_ AS dn_number, d.name AS alias, CAST(d.type AS INT) AS type,
            CAST(d.switch_dbid AS INT) AS switch_dbid, sw.name AS switch_name,
            CAST(d.state AS INT) AS state, CAST(pd.place_dbid AS INT) AS place_dbid
       FROM ${T.dn} d
       LEFT JOIN ${T.switch} sw ON sw.dbid = d.switch_dbid AND sw.state IN ${LIVE_STATES}
       LEFT JOIN (SELECT dn_dbid, min(place_dbid) AS place_dbid FROM ${T.placeDn}
                   GROUP BY dn_dbid) pd ON pd.dn_dbid = d.dbid
      WHERE d.state IN ${LIVE_STATES}${scopeSql('d', CfgObjectType.DN, scope)}
      ORDER BY d.dbid`,
  );
  return rows;
}
