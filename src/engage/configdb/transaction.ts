// The `hybrid_integration` transaction (type List): EXEC's Genesys Cloud settings live in its annex
// (seed 002 "Transaction Object"; DESIGN §3). One per tenant in a multi-tenant Engage.
import { CfgObjectType } from './enums.ts';
import { buildAnnexes, readFlexProps } from './annex.ts';
import type { QueryClient } from './client.ts';
import type { ConfigDbFinding, EngageTransaction } from './model.ts';
import { inInts, tenantSql } from './sql.ts';
import { LIVE_STATES, T } from './tables.ts';

export const HYBRID_INTEGRATION = 'hybrid_integration';

/** Options the seeds define as numbers: a value that is not one is reported, not thrown. */
const NUMERIC_OPTIONS = new Set(['skill_level_min_value', 'skill_level_max_value']);

export interface TransactionRow {
  dbid: number;
  tenant_dbid: number;
  name: string;
  type: number;
  alias: string | null;
  state: number;
}

export async function readTransactionsNamed(
  client: QueryClient,
  name: string,
  tenantDbid: number | null = null,
): Promise<TransactionRow[]> {
  const { rows } = await client.query<TransactionRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(tenant_dbid AS INT) AS tenant_dbid, name,
            CAST(type AS INT) AS type, alias, CAST(state AS INT) AS state
       FROM ${T.transaction} t WHERE t.name = $1 AND t.state IN ${LIVE_STATES}${tenantSql('t', tenantDbid)}
      ORDER BY tenant_dbid, dbid`,
    [name],
  );
  return rows;
}

/**
 * The `hybrid_integration` transactions (of the tenant, when given) with their annex sections, lowest
 * tenant first. Missing transactions and non-numeric numeric options become findings.
 */
export async function readHybridIntegration(
  client: QueryClient,
  findings: ConfigDbFinding[],
  tenantDbid: number | null = null,
): Promise<EngageTransaction[]> {
  const rows = await readTransactionsNamed(client, HYBRID_INTEGRATION, tenantDbid);
  if (rows.length === 0) {
    findings.push({
      code: 'missing-transaction',
      objectType: 'Transaction',
      dbid: 0,
      name: HYBRID_INTEGRATION,
      message: `no transaction named "${HYBRID_INTEGRATION}" (type List) in the Config DB${tenantDbid === null ? '' : ` for tenant DBID ${tenantDbid}`}`,
    });
    return [];
  }
  const annexRows = await readFlexProps(
    client,
    CfgObjectType.Transaction,
    inInts(
      'object_dbid',
      rows.map((r) => r.dbid),
    ),
  );
  const annexes = buildAnnexes(annexRows, findings);
  return rows.map((r) => {
    const sections = annexes.get(r.dbid) ?? {};
    for (const [section, opts] of Object.entries(sections)) {
      for (const [key, value] of Object.entries(opts)) {
        if (NUMERIC_OPTIONS.has(key) && value.trim() !== '' && !Number.isFinite(Number(value))) {
          findings.push({
            code: 'annex-wrong-type',
            objectType: 'Transaction',
            dbid: r.dbid,
            name: r.name,
            message: `${r.name} ${section}/${key} = "${value}" is not a number`,
          });
        }
      }
    }
    return {
      dbid: r.dbid,
      tenantDbid: r.tenant_dbid,
      name: r.name,
      alias: r.alias,
      state: r.state === 2 ? 'disabled' : 'enabled',
      sections,
      lastModified: null,
    };
  });
}
