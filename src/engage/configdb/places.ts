// Places (cfg_place) and their DNs (cfg_place_dn, name UNCONFIRMED). Not folder-filtered by the
// seeds: with filtering on, the snapshot reads only places that in-scope persons or DNs refer to.
import type { QueryClient } from './client.ts';
import { inInts, tenantSql } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export interface PlaceRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  state: number;
}

export interface PlaceDnRow {
  place_dbid: number;
  dn_dbid: number;
}

/** Places of the tenant, only those in `only` when given. */
export async function readPlaces(
  client: QueryClient,
  tenantDbid: number | null,
  only: readonly number[] | null,
): Promise<PlaceRow[]> {
  const { rows } = await client.query<PlaceRow>(
    `SELECT CAST(p.dbid AS INT) AS dbid, CAST(p.tenant_dbid AS INT) AS tenant_dbid, p.name,
            CAST(p.state AS INT) AS state
       FROM ${T.place} p
      WHERE p.state IN ${LIVE_STATES}${tenantSql('p', tenantDbid)}${only === null ? '' : ` AND ${inInts('p.dbid', only)}`}
      ORDER BY p.dbid`,
  );
  return rows;
}

/** The DNs of the same places (a separate query: array columns are not portable). */
export async function readPlaceDns(
  client: QueryClient,
  tenantDbid: number | null,
  only: readonly number[] | null,
): Promise<PlaceDnRow[]> {
  const { rows } = await client.query<PlaceDnRow>(
    `SELECT CAST(pd.place_dbid AS INT) AS place_dbid, CAST(pd.dn_dbid AS INT) AS dn_dbid
       FROM ${T.placeDn} pd
       JOIN ${T.place} p ON p.dbid = pd.place_dbid
      WHERE p.state IN ${LIVE_STATES}${tenantSql('p', tenantDbid)}${only === null ? '' : ` AND ${inInts('p.dbid', only)}`}
      ORDER BY pd.place_dbid, pd.dn_dbid`,
  );
  return rows;
}
