// Seed 003 "Synchronization of Wrap-up Codes".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngageBusinessAttribute } from '../model.ts';
import { isDispositionAttribute, wrapupCodeNames } from './wrapupCodes.ts';

const ba = (o: Partial<EngageBusinessAttribute>): EngageBusinessAttribute => ({
  dbid: 1,
  name: 'X',
  type: 1,
  values: [],
  ...o,
});

test('which business attributes are mapped', () => {
  const table: [Partial<EngageBusinessAttribute>, boolean][] = [
    [{ name: 'DispositionCode', type: 1 }, true],
    [{ name: 'Tech Support Disposition Codes', type: 1, htccContains: 'dispositions' }, true],
    [{ name: 'Tech', type: 1, htccContains: 'Dispositions' }, false], // case-sensitive
    [{ name: 'DispositionCode', type: 3 }, false], // Contact Attribute
    [{ name: 'dispositioncode', type: 1 }, false],
    [{ name: 'Other', type: 1 }, false],
  ];
  for (const [o, want] of table) assert.equal(isDispositionAttribute(ba(o)), want, JSON.stringify(o));
});

test('one wrap-up code per distinct value name across mapped attributes', () => {
  const names = wrapupCodeNames([
    ba({
      dbid: 1,
      name: 'Tech',
      htccContains: 'dispositions',
      values: [
        { dbid: 1, name: 'Resolved' },
        { dbid: 2, name: 'Escalated' },
      ],
    }),
    ba({
      dbid: 2,
      name: 'Billing',
      htccContains: 'dispositions',
      values: [
        { dbid: 3, name: 'Resolved' },
        { dbid: 4, name: 'Refund' },
      ],
    }),
    ba({ dbid: 3, name: 'Other', values: [{ dbid: 5, name: 'Ignored' }] }),
  ]);
  assert.deepEqual(names, ['Escalated', 'Refund', 'Resolved']);
});
