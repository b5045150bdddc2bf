import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isWellFormedQueueNumber, splitRoles } from './assemble.ts';

describe('isWellFormedQueueNumber', () => {
  const cases: [string, boolean][] = [
    ['VQ_Sales', true],
    ['VQ_Sales@VQ-Switch', true],
    ['VQ Sales Leads@SIP Switch', true],
    ['@VQ-Switch', false],
    ['VQ_Sales@', false],
    ['VQ_Sales@@VQ-Switch', false],
    ['a@b@c', false],
    [' ', false],
  ];
  for (const [v, ok] of cases) it(`"${v}" → ${ok}`, () => assert.equal(isWellFormedQueueNumber(v), ok));
});

describe('splitRoles', () => {
  const cases: [string | null, string[]][] = [
    [null, []],
    ['agent', ['agent']],
    ['agent,supervisor', ['agent', 'supervisor']],
    ['Agent, Supervisor ,', ['Agent', 'Supervisor']],
    ['', []],
  ];
  for (const [v, out] of cases) it(`${JSON.stringify(v)}`, () => assert.deepEqual(splitRoles(v), out));
});
