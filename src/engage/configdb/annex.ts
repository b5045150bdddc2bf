// Builds Annex objects (section → key → value) from cfg_flex_prop rows, the way CME shows the
// "Options"/Annex tab. Rows of an unexpected shape become findings and are skipped, never thrown.
import { objectTypeName } from './enums.ts';
import type { Annex, ConfigDbFinding } from './model.ts';
import type { QueryClient } from './client.ts';
import { LIVE_STATES, T } from './tables.ts';
import { scopeSql, type ReadScope } from './sql.ts';

export interface FlexPropRow {
  dbid: number;
  object_dbid: number;
  object_type: number;
  parent_dbid: number | null;
  prop_name: string;
  prop_value: string | null;
}

/**
 * All annex rows of one object type, or only of the objects `objectsSql` selects (a condition on
 * `object_dbid`, e.g. from `objectsIn`): a subquery, so that thousands of DBIDs never travel.
 */
export async function readFlexProps(
  client: QueryClient,
  objectType: number,
  objectsSql: string | null = null,
): Promise<FlexPropRow[]> {
  const { rows } = await client.query<FlexPropRow>(
    `SELECT CAST(dbid AS INT) AS dbid, CAST(object_dbid AS INT) AS object_dbid,
            CAST(object_type AS INT) AS object_type, CAST(parent_dbid AS INT) AS parent_dbid,
            prop_name, prop_value
       FROM ${T.flexProp}
      WHERE object_type = $1${objectsSql === null ? '' : ` AND ${objectsSql}`}
      ORDER BY dbid`,
    [objectType],
  );
  return rows;
}

/** `object_dbid IN (the live objects of <table> in scope)`, or null when nothing limits them. */
export function objectsIn(table: string, objectType: number, scope: ReadScope): string | null {
  if (scope.tenantDbid === null && scope.folders === null) return null;
  return `object_dbid IN (SELECT o.dbid FROM ${table} o
     WHERE o.state IN ${LIVE_STATES}${scopeSql('o', objectType, scope)})`;
}

/** Groups rows into one Annex per object DBID; shape problems go to `findings`. */
export function buildAnnexes(rows: readonly FlexPropRow[], findings: ConfigDbFinding[]): Map<number, Annex> {
  const byDbid = new Map(rows.map((r) => [r.dbid, r]));
  const children = new Map<number, FlexPropRow[]>();
  for (const r of rows) {
    if (r.parent_dbid !== null && r.parent_dbid !== 0) {
      const list = children.get(r.parent_dbid) ?? [];
      list.push(r);
      children.set(r.parent_dbid, list);
    }
  }
  const out = new Map<number, Annex>();
  const problem = (r: FlexPropRow, code: ConfigDbFinding['code'], message: string): void => {
    findings.push({
      code,
      objectType: objectTypeName(r.object_type) ?? 'Unknown',
      dbid: r.object_dbid,
      name: null,
      message,
    });
  };
  for (const s of rows) {
    if (s.parent_dbid !== null && s.parent_dbid !== 0) {
      if (!byDbid.has(s.parent_dbid)) {
        problem(
          s,
          'annex-wrong-shape',
          `annex option "${s.prop_name}" has no section row (parent ${s.parent_dbid}); ignored`,
        );
      }
      continue;
    }
    const opts = children.get(s.dbid) ?? [];
    if (opts.length === 0 && s.prop_value !== null && s.prop_value !== '') {
      problem(s, 'annex-wrong-shape', `annex has a value "${s.prop_name}" outside any section; ignored`);
      continue;
    }
    const annex = out.get(s.object_dbid) ?? {};
    const section = annex[s.prop_name] ?? {};
    for (const o of opts) {
      if (children.has(o.dbid)) {
        problem(
          o,
          'annex-wrong-shape',
          `annex "${s.prop_name}/${o.prop_name}" is a section, not a value; ignored`,
        );
        continue;
      }
      if (o.prop_name in section) {
        problem(
          o,
          'annex-duplicate-key',
          `annex "${s.prop_name}/${o.prop_name}" is set twice; the first is used`,
        );
        continue;
      }
      section[o.prop_name] = o.prop_value ?? '';
    }
    annex[s.prop_name] = section;
    out.set(s.object_dbid, annex);
  }
  return out;
}

/** A value of the annex, or null when the section or key is absent or empty. */
export function annexValue(annex: Annex | undefined, section: string, key: string): string | null {
  const v = annex?.[section]?.[key];
  return v === undefined || v.trim() === '' ? null : v;
}
