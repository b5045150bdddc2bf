// Failed logins back off exponentially up to a ceiling (a wrong secret once made 112 logins in 23 s):
// on a manual clock, exactly one login request per backoff window, whatever the number of callers, and
// the state /health reports; a success resets it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { Agent } from 'undici';
import { TokenProvider, loginBackoffMs } from '../../src/cloud/auth.ts';
import { CloudApiError } from '../../src/cloud/index.ts';
import { createCloudMetrics } from '../../src/cloud/metrics.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { auditRequests, setFaults, startLab, type Lab } from './helpers.ts';

describe('login backoff', () => {
  let lab: Lab;
  const dispatcher = new Agent();
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off' });
  });
  after(async () => {
    await dispatcher.close();
    await lab.stop();
  });

  const provider = (clientSecret: string, clock: { now: number }) =>
    new TokenProvider({
      authUrl: lab.emu.url,
      clientId: lab.emu.clientId,
      clientSecret,
      dispatcher,
      timeoutMs: 5000,
      maxRetries: 0,
      backoff: { baseMs: 1, maxMs: 2 },
      metrics: createCloudMetrics(new Registry()),
      logger: silentLogger(),
      now: () => clock.now,
      loginBackoff: { baseMs: 1000, maxMs: 4000 },
    });
  const logins = async () =>
    (await auditRequests(lab)).filter((r) => r.path === '/oauth/token' && r.status !== 200).length;

  test('loginBackoffMs: doubles from the base per failure in a row, capped', () => {
    const o = { baseMs: 1000, maxMs: 4000 };
    assert.deepEqual(
      [1, 2, 3, 4, 10].map((n) => loginBackoffMs(n, o)),
      [1000, 2000, 4000, 4000, 4000],
    );
    assert.equal(loginBackoffMs(1), 1000, 'default base 1 s');
    assert.equal(loginBackoffMs(20), 300_000, 'default ceiling 5 min');
  });

  test('a wrong secret: one login per window, callers fail at once in between, /health state', async () => {
    const clock = { now: 1_000_000 };
    const tokens = provider('wrong-secret', clock);
    const start = await logins();
    const failures = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.get()));
    assert.ok(failures.every((f) => f.status === 'rejected'));
    assert.equal((await logins()) - start, 1, 'ten callers, one login (single-flight)');
    assert.deepEqual(tokens.status(), {
      ok: false,
      failures: 1,
      retryAt: 1_001_000,
      lastError: '401 invalid_client',
    });
    // [ms after the first failure, login requests made by then in all]
    const steps: [number, number][] = [
      [0, 1],
      [999, 1],
      [1000, 2], // second failure: 2 s
      [2999, 2],
      [3000, 3], // third: 4 s
      [6999, 3],
      [7000, 4], // fourth: the ceiling, 4 s
      [10_999, 4],
      [11_000, 5],
    ];
    for (const [t, expected] of steps) {
      clock.now = 1_000_000 + t;
      for (let i = 0; i < 5; i++) {
        await assert.rejects(tokens.get(), (e: unknown) => {
          assert.ok(e instanceof CloudApiError);
          assert.equal(e.status, 401);
          return true;
        });
      }
      assert.equal((await logins()) - start, expected, `by ${t} ms`);
    }
    await assert.rejects(
      tokens.get(),
      /login backing off after 5 failed login\(s\) in a row, next attempt in 4 s/,
    );
    assert.equal(tokens.status().failures, 5);
  });

  test('a login that works again resets the backoff', async () => {
    const clock = { now: 5_000_000 };
    const tokens = provider(lab.emu.clientSecret, clock);
    await setFaults(lab, [{ path: '/oauth/token', errorRate: 1, errorStatus: 503, times: 2 }]);
    await assert.rejects(tokens.get(), (e: CloudApiError) => e.status === 503);
    await assert.rejects(tokens.get(), /backing off/);
    clock.now += 1000;
    await assert.rejects(tokens.get(), (e: CloudApiError) => e.status === 503);
    assert.deepEqual(tokens.status(), {
      ok: false,
      failures: 2,
      retryAt: clock.now + 2000,
      lastError: '503 internal.server.error',
    });
    clock.now += 2000;
    assert.ok(await tokens.get());
    assert.deepEqual(tokens.status(), { ok: true, failures: 0 });
    await lab.admin('DELETE', 'faults');
  });
});
