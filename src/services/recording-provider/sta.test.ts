import assert from 'node:assert/strict';
import { it } from 'node:test';
import { effectiveSta, type StaSnapshot } from './sta.ts';

const P = '33333333-3333-4333-8333-333333333333';
const D = '44444444-4444-4444-8444-444444444444';
const org = (o: Partial<StaSnapshot>): StaSnapshot => ({
  transcription: 'EnabledGlobally',
  defaultProgramId: D,
  programIds: new Set([P, D]),
  readAt: 0,
  ...o,
});

it('passes the STA request EXCP chose, adjusted to the org as last read', () => {
  const req = { programId: P, language: 'de-DE' };
  assert.deepEqual(effectiveSta(req, org({})).sta, req);
  assert.equal(effectiveSta(undefined, org({})).sta, undefined, 'no request, no STA');
  assert.deepEqual(effectiveSta(req, undefined).sta, req, 'never read: passed as is');
  assert.equal(effectiveSta(req, org({ transcription: 'Disabled' })).sta, undefined);
  assert.deepEqual(effectiveSta(req, org({ programIds: new Set([D]) })).sta, {
    programId: D,
    language: 'de-DE',
  });
  assert.equal(effectiveSta(req, org({ programIds: new Set(), defaultProgramId: undefined })).sta, undefined);
});
