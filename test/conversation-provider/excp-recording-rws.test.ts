// The GIR RWS simulator (lab/engage/rws) and EXCP's RWS client against it: Basic auth, the contact
// center, a recording appearing after a delay, failures, and the admin API's validation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRwsSimulator, type RwsSimulator } from '../../src/lab/engage/rws/server.ts';
import { fetchGirRecording } from '../../src/services/conversation-provider/recording/clients.ts';

describe('GIR RWS simulator and client', () => {
  let rws: RwsSimulator;
  const ask = (o: Partial<{ ccid: string; password: string; callUuid: string }> = {}) =>
    fetchGirRecording({ baseUrl: rws.url, ccid: 'cc', user: 'ops', password: 'pw', callUuid: 'C1', ...o });

  before(async () => {
    rws = await startRwsSimulator({ ccid: 'cc', user: 'ops', password: 'pw' });
  });
  after(() => rws.stop());

  it('answers 404 until the recording is available, then its media files', async () => {
    const c1 = {
      callUuid: 'C1',
      ani: '100',
      dnis: '200',
      segments: [
        { startMs: 1_700_000_000_000, stopMs: 1_700_000_010_000, agentId: 'A1', recordDn: '6001', seq: 1 },
      ],
    };
    rws.add(c1, 3_600_000);
    assert.equal((await ask()).kind, 'absent', 'not available yet');
    rws.add(c1);
    const r = await ask();
    assert.equal(r.kind, 'found');
    assert.equal(r.kind === 'found' ? r.segments[0]?.recordDn : undefined, '6001');
    assert.equal((await ask({ callUuid: 'C2' })).kind, 'absent');
    assert.equal((await ask({ ccid: 'other' })).kind, 'absent');
  });

  it('refuses a wrong Ops password (401 → error), and can be made to fail', async () => {
    const r = await ask({ password: 'nope' });
    assert.deepEqual(r, { kind: 'error', message: 'RWS answered HTTP 401' });
    rws.fail(503);
    assert.deepEqual(await ask(), { kind: 'error', message: 'RWS answered HTTP 503' });
    rws.fail(undefined);
    assert.equal((await ask()).kind, 'found');
    assert.deepEqual(
      rws.requests.slice(-3).map((x) => x.status),
      [401, 503, 200],
    );
  });

  it('validates recordings added through the admin API', async () => {
    const post = (body: unknown) =>
      fetch(`${rws.url}/__rws/recordings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ callUuid: 'C3', segments: [{ startMs: 'x' }] });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /segments\.0\.startMs/);
    assert.equal((await post({ callUuid: 'C3', segments: [] })).status, 201);
    assert.equal((await ask({ callUuid: 'C3' })).kind, 'absent', 'a call without media files yet');
  });
});
