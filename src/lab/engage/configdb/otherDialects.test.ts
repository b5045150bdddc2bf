import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaStatementsFor } from './otherDialects.ts';
import { SCHEMA_TABLES } from './schema.ts';

test('the lab schema in Oracle and MS SQL DDL: every table, no PostgreSQL types left', () => {
  for (const type of ['oracle', 'mssql'] as const) {
    const ddl = schemaStatementsFor(type);
    assert.deepEqual(
      ddl.flatMap((s) => /^CREATE TABLE (\w+)/.exec(s)?.[1] ?? []),
      [...SCHEMA_TABLES],
    );
    for (const s of ddl) {
      assert.doesNotMatch(s, /\b(integer|varchar|text|bigserial|now\(\)|SEQUENCE)\b/, `${type}: ${s}`);
      if (type === 'oracle') assert.doesNotMatch(s, /NOT NULL DEFAULT/, s);
    }
  }
});
