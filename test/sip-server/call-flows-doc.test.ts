// docs/call-flows.md says what the simulator plays: its generated region matches the generator.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { generateTopology } from '../../src/lab/engage/sip-server/index.ts';
import {
  FLOWS_BEGIN,
  FLOWS_END,
  renderAllScenarios,
} from '../../src/lab/engage/sip-server/scenarios/describe.ts';

const normalize = (s: string) =>
  s
    .split('\n')
    .map((l) =>
      l
        .replace(/\s*\|\s*/g, '|')
        .replace(/-{3,}/g, '---')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');

it('docs/call-flows.md shows the event sequences the simulator plays', () => {
  const doc = readFileSync(new URL('../../docs/call-flows.md', import.meta.url), 'utf8');
  const region = doc.slice(doc.indexOf(FLOWS_BEGIN) + FLOWS_BEGIN.length, doc.indexOf(FLOWS_END));
  assert.ok(doc.includes(FLOWS_BEGIN) && doc.includes(FLOWS_END), 'the generated region markers are there');
  assert.equal(
    normalize(region),
    normalize(renderAllScenarios(generateTopology())),
    'out of date: run node --import tsx src/lab/engage/sip-server/scenarios/describe.ts',
  );
});
