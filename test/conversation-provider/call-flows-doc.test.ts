// docs/call-flows.md shows what the conversation tracker makes of each scenario: its generated region
// matches the tracker's output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { CLOUD_BEGIN, CLOUD_END, renderCloudFlows } from './describe-cloud.ts';

it('docs/call-flows.md shows the Genesys Cloud events the tracker emits for every scenario', () => {
  const doc = readFileSync(new URL('../../docs/call-flows.md', import.meta.url), 'utf8');
  assert.ok(doc.includes(CLOUD_BEGIN) && doc.includes(CLOUD_END), 'the generated region markers are there');
  const region = doc.slice(doc.indexOf(CLOUD_BEGIN) + CLOUD_BEGIN.length, doc.indexOf(CLOUD_END)).trim();
  assert.equal(
    region,
    renderCloudFlows(),
    'regenerate: node --import tsx test/conversation-provider/describe-cloud.ts',
  );
});
