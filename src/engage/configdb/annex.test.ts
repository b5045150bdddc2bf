import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { annexValue, buildAnnexes, type FlexPropRow } from './annex.ts';
import type { ConfigDbFinding } from './model.ts';

const row = (
  dbid: number,
  parent: number | null,
  name: string,
  value: string | null,
  object = 7,
): FlexPropRow => ({
  dbid,
  object_dbid: object,
  object_type: 5,
  parent_dbid: parent,
  prop_name: name,
  prop_value: value,
});

describe('buildAnnexes', () => {
  const cases: { name: string; rows: FlexPropRow[]; annex: unknown; findings: string[] }[] = [
    {
      name: 'sections and options',
      rows: [row(1, null, 'hybrid', null), row(2, 1, 'WFM_queue_number', 'VQ_A')],
      annex: { hybrid: { WFM_queue_number: 'VQ_A' } },
      findings: [],
    },
    {
      name: 'top rows with parent 0 (not NULL)',
      rows: [row(1, 0, 'htcc', null), row(2, 1, 'roles', 'agent')],
      annex: { htcc: { roles: 'agent' } },
      findings: [],
    },
    { name: 'an empty section', rows: [row(1, null, 'virtual', null)], annex: { virtual: {} }, findings: [] },
    {
      name: 'a value outside any section',
      rows: [row(1, null, 'script', 'Skill("A")>1')],
      annex: undefined,
      findings: ['annex-wrong-shape'],
    },
    {
      name: 'a section where a value belongs',
      rows: [row(1, null, 'hybrid', null), row(2, 1, 'WFM_queue_number', null), row(3, 2, 'x', 'VQ')],
      annex: { hybrid: {} },
      findings: ['annex-wrong-shape'],
    },
    {
      name: 'a key set twice: the first wins',
      rows: [row(1, null, 's', null), row(2, 1, 'k', 'one'), row(3, 1, 'k', 'two')],
      annex: { s: { k: 'one' } },
      findings: ['annex-duplicate-key'],
    },
    {
      name: 'an option whose section row is missing',
      rows: [row(2, 99, 'k', 'v')],
      annex: undefined,
      findings: ['annex-wrong-shape'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings: ConfigDbFinding[] = [];
      const out = buildAnnexes(c.rows, findings);
      assert.deepEqual(out.get(7), c.annex);
      assert.deepEqual(
        findings.map((f) => f.code),
        c.findings,
      );
      for (const f of findings) assert.equal(f.dbid, 7);
    });
  }

  it('keeps objects apart', () => {
    const out = buildAnnexes(
      [
        row(1, null, 'a', null, 1),
        row(2, 1, 'k', 'x', 1),
        row(3, null, 'a', null, 2),
        row(4, 3, 'k', 'y', 2),
      ],
      [],
    );
    assert.equal(out.get(1)?.a?.k, 'x');
    assert.equal(out.get(2)?.a?.k, 'y');
  });
});

describe('annexValue', () => {
  it('is null for absent or blank values, case-sensitive in names', () => {
    const a = { htcc: { contains: 'dispositions', blank: '  ' } };
    assert.equal(annexValue(a, 'htcc', 'contains'), 'dispositions');
    assert.equal(annexValue(a, 'HTCC', 'contains'), null);
    assert.equal(annexValue(a, 'htcc', 'blank'), null);
    assert.equal(annexValue(undefined, 'htcc', 'contains'), null);
  });
});
