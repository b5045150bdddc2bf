import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { configurationDoc } from './doc.ts';
import { VARIABLES } from './variables.ts';

it('docs/configuration.md is generated from the catalogue and up to date', () => {
  const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  assert.equal(doc, configurationDoc(), 'run: node --import tsx scripts/gen-config-doc.ts');
  for (const v of VARIABLES) assert.ok(doc.includes(`\`${v.name}\``), v.name);
});
