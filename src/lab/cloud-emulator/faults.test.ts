import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultSet, FaultsSchema } from './faults.ts';
import { takeRequest, TokenStore } from './tokens.ts';

describe('fault rules', () => {
  const rules = (r: unknown) => FaultsSchema.parse({ rules: r }).rules;

  it('match by path glob and method, add latency, pick the action by rate', () => {
    const f = new FaultSet();
    f.set(
      rules([{ path: '/api/v2/routing/*', method: 'post', latencyMs: 50, errorRate: 0.5, errorStatus: 502 }]),
    );
    assert.deepEqual(
      f.decide('POST', '/api/v2/routing/queues', 0, () => 0.1),
      { latencyMs: 50, action: { kind: 'error', status: 502 } },
    );
    assert.deepEqual(
      f.decide('POST', '/api/v2/routing/queues', 0, () => 0.9),
      { latencyMs: 50, action: { kind: 'none' } },
    );
    assert.equal(f.decide('GET', '/api/v2/routing/queues', 0, () => 0).action.kind, 'none');
    assert.equal(f.decide('POST', '/api/v2/users', 0, () => 0).latencyMs, 0);
  });

  it('a 429 storm lasts its seconds; times bounds a rule', () => {
    const f = new FaultSet();
    f.set(
      rules([
        { storm429Seconds: 2, retryAfterSeconds: 3 },
        { path: '/x', dropRate: 1, times: 1 },
      ]),
      1000,
    );
    assert.deepEqual(f.decide('GET', '/a', 2999).action, { kind: 'tooMany', retryAfterSeconds: 3 });
    assert.equal(f.decide('GET', '/a', 3001).action.kind, 'none');
    assert.equal(f.decide('GET', '/x', 3001).action.kind, 'drop');
    assert.equal(f.decide('GET', '/x', 3001).action.kind, 'none');
  });

  it('rejects unknown fields and out-of-range rates', () => {
    assert.throws(() => rules([{ errorRate: 2 }]));
    assert.throws(() => rules([{ lag: 5 }]));
  });
});

describe('tokens and the per-token rate limit', () => {
  it('allows `limit` requests in any 60 s window and says when the next one may go', () => {
    const store = new TokenStore();
    const token = store.issue('c', 60, 0);
    const check = store.check(`Bearer ${token}`, 0);
    assert.ok(check.ok);
    const rec = check.record;
    for (let i = 0; i < 3; i++) assert.equal(takeRequest(rec, 3, i * 1000), 0);
    assert.equal(takeRequest(rec, 3, 10_000), 50);
    assert.equal(takeRequest(rec, 3, 60_000), 0);
    assert.equal(takeRequest(rec, 3, 60_500), 1);
  });

  it('tokens expire, unknown ones are refused', () => {
    const store = new TokenStore();
    const token = store.issue('c', 1, 0);
    assert.deepEqual(store.check(`Bearer ${token}`, 1000), { ok: false, reason: 'expired' });
    assert.deepEqual(store.check('Bearer nope', 0), { ok: false, reason: 'unknown' });
    assert.deepEqual(store.check(undefined, 0), { ok: false, reason: 'missing' });
  });
});
