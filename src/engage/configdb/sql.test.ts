// The SQL each dialect produces, against the same expectations as PostgreSQL: every pass runs the very
// same statements in every dialect, differing only where sql.ts answers (time formatting, "now", the
// placeholders); none uses PostgreSQL-only syntax; every object query is limited to the tenant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigDbClient, QueryClient } from './client.ts';
import { readChangesSince } from './history.ts';
import { readSnapshot } from './snapshot.ts';
import { DIALECTS, inInts, MSSQL, ORACLE, POSTGRESQL, type SqlDialect } from './sql.ts';

/** Answers just enough (one tenant, one folder) for a whole filtered pass; records every statement. */
function recording(dialect: SqlDialect): { client: ConfigDbClient; statements: string[] } {
  const statements: string[] = [];
  const query: QueryClient['query'] = async <R>(sql: string) => {
    const sent = dialect.placeholders(sql); // what the driver adapter sends
    statements.push(sent);
    const rows: unknown[] = / FROM cfg_tenant /.test(sent)
      ? [{ dbid: 1, name: 'Environment', state: 1 }]
      : / FROM cfg_folder f /.test(sent)
        ? [
            {
              dbid: 7,
              tenant_dbid: 1,
              name: 'EX',
              type: 3,
              parent_dbid: null,
              owner_type: 7,
              owner_dbid: 1,
              state: 1,
            },
          ]
        : [];
    return { rows: rows as R[] };
  };
  return {
    statements,
    client: { dialect, query, transaction: (_mode, fn) => fn({ dialect, query }) },
  };
}

/** A dialect that writes its answers as markers, so that each real one can be derived from it. */
const MARKED: SqlDialect = {
  type: 'postgresql',
  isoUtc: (e) => `ISO<${e}>`,
  nowUtc: 'NOW',
  ping: 'PING',
  placeholders: (sql) => sql,
};

async function pass(dialect: SqlDialect): Promise<string[]> {
  const r = recording(dialect);
  await readSnapshot(r.client, { tenant: '1', folderFilter: ['EX'] });
  await readChangesSince(r.client, { historyId: 41 }, 500);
  return r.statements;
}

const PG_ONLY = [
  /::/,
  /\bANY\s*\(/i,
  /\bARRAY\s*\(/i,
  /WITH RECURSIVE/i,
  /\bLIMIT\b/i,
  /\bto_char\(/,
  /\bnow\(\)/i,
  /\bILIKE\b/i,
  /\$\d/,
  /\bAS (number|level|date|size|mode|comment|user|uid|session|access)\b/i, // Oracle reserved words
  /\bAS\s+\w+\s+(ON|WHERE|JOIN)\b/i, // "table AS alias": Oracle refuses AS before a table alias
];

describe('Config DB SQL per dialect', () => {
  it('every dialect runs the statements of the marked pass, with only its own answers filled in', async () => {
    const marked = await pass(MARKED);
    assert.ok(marked.length > 20, `a whole pass (${marked.length} statements)`);
    for (const d of [POSTGRESQL, ORACLE, MSSQL]) {
      const expected = marked.map((sql) =>
        d.placeholders(
          sql === 'NOW' ? d.nowUtc : sql.replace(/ISO<([^>]*)>/g, (_m, e: string) => d.isoUtc(e)),
        ),
      );
      assert.deepEqual(await pass(d), expected, d.type);
    }
  });

  for (const d of [ORACLE, MSSQL]) {
    it(`${d.type}: no PostgreSQL-only syntax, positional parameters in the driver's spelling`, async () => {
      for (const sql of await pass(d)) {
        for (const bad of PG_ONLY) assert.doesNotMatch(sql, bad, `${d.type}: ${sql}`);
      }
      assert.match(
        (await pass(d)).find((s) => s.includes('cfg_transaction'))!,
        d === ORACLE ? /= :1\b/ : /= @p1\b/,
      );
    });
  }

  it('oracle: every statement reads FROM something (dual when nothing else)', async () => {
    for (const sql of await pass(ORACLE)) assert.match(sql, /\bFROM\b/, sql);
  });

  it('every object table is read for the tenant only', async () => {
    const statements = await pass(POSTGRESQL);
    for (const table of [
      'cfg_person p',
      'cfg_skill s',
      'cfg_dn d',
      'cfg_group g',
      'cfg_enumerator e',
      'cfg_enumerator_value v',
      'cfg_switch s',
      'cfg_folder f',
      'cfg_place p',
      'cfg_transaction t',
    ]) {
      const reads = statements.filter((s) => s.includes(`FROM ${table}`));
      assert.ok(reads.length > 0, `${table} is read`);
      const alias = table.split(' ')[1];
      for (const s of reads) assert.ok(s.includes(`${alias}.tenant_dbid = 1`), `${table} filtered: ${s}`);
    }
  });

  it('answers of each dialect', () => {
    assert.equal(POSTGRESQL.isoUtc('c'), `to_char(c, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
    assert.equal(ORACLE.isoUtc('c'), `TO_CHAR(CAST(c AS TIMESTAMP), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"')`);
    assert.equal(MSSQL.isoUtc('c'), `(FORMAT(c, 'yyyy-MM-ddTHH:mm:ss.fff') + 'Z')`);
    assert.equal(ORACLE.placeholders('a = $1 AND b = $12'), 'a = :1 AND b = :12');
    assert.equal(MSSQL.placeholders('a = $1 AND b = $12'), 'a = @p1 AND b = @p12');
    assert.deepEqual(Object.keys(DIALECTS), ['postgresql', 'oracle', 'mssql']);
  });

  it('DBID lists: integers only, at most 1000 per IN (Oracle), an empty list is false', () => {
    const ids = Array.from({ length: 2500 }, (_, i) => i + 1);
    const sql = inInts('x.dbid', ids);
    const lists = [...sql.matchAll(/IN \(([^)]*)\)/g)].map((m) => m[1]!.split(', ').length);
    assert.deepEqual(lists, [1000, 1000, 500]);
    assert.match(sql, /^\(x\.dbid IN \(1, .* OR x\.dbid IN \(2001, .*2500\)\)$/);
    assert.equal(inInts('x', []), '1 = 0');
    assert.throws(() => inInts('x', [1.5]), /not an integer DBID/);
    assert.throws(() => inInts('x', [Number.NaN]), /not an integer DBID/);
  });
});
