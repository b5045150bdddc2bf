// Places (cfg_place) and their DNs (cfg_place_dn, name UNCONFIRMED). Not folder-filtered by the
// seeds: with filtering on, the snapshot reads only places that in-scope persons or DNs refer to.
import type { QueryClient } from './client.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface PlaceRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  state: number;
  dn_dbids: number[] | null;
}

export async function readPlaces(client: QueryClient, only: readonly number[] | null): Promise<PlaceRow[]> {
  const { rows } = await client.query<PlaceRow>(
    `SELECT CAST(p.dbid AS INT) AS dbid, CAST(p.tenant_dbid AS INT) AS tenant_dbid, p.name,
            CAST(p.state AS INT) AS state,
            ARRAY(SELECT CAST(pd.dn_dbid AS INT) FROM ${T.placeDn} pd
                   WHERE pd.place_dbid = p.dbid ORDER BY pd.dn_dbid) AS dn_dbids
       FROM ${T.place} p
      WHERE p.state IN ${LIVE_STATES} AND ($1::int[] IS NULL OR p.dbid = ANY($1::int[]))
      ORDER BY p.dbid`,
    [only === null ? null : [...only]],
  );
  return rows;
}
