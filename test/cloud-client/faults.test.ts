// The cloud client under injected faults: 429 storms, 5xx and dropped connections, and creates that
// must never be repeated after they succeeded.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CloudApiError, eventIdFor } from '../../src/cloud/index.ts';
import { until } from '../harness/index.ts';
import { auditRequests, createUsers, metricSum, org, setFaults, startLab, type Lab } from './helpers.ts';

describe('cloud client under faults', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off' }, { maxRetries: 8 });
  });
  after(() => lab.stop());
  beforeEach(() => setFaults(lab, []));

  test('a create whose connection dropped after it happened is found, not repeated', async () => {
    await setFaults(lab, [{ path: '/api/v2/routing/skills', method: 'POST', dropAfterRate: 1, times: 1 }]);
    const before = (await auditRequests(lab)).length;
    const skill = await lab.client.routing.createSkillOnce({ name: 'Dropped Skill' });
    assert.equal(skill.name, 'Dropped Skill');
    const posts = (await auditRequests(lab))
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === '/api/v2/routing/skills');
    assert.equal(posts.length, 1, 'the create went out once');
    assert.equal((await org(lab)).skills.filter((s) => s.name.toLowerCase() === 'dropped skill').length, 1);
  });

  test('a plain create is not retried after an ambiguous failure: the caller gets an ambiguous error', async () => {
    await setFaults(lab, [
      { path: '/api/v2/routing/wrapupcodes', method: 'POST', dropAfterRate: 1, times: 1 },
    ]);
    await assert.rejects(lab.client.routing.createWrapupCode({ name: 'Ambiguous code' }), (e: unknown) => {
      assert.ok(e instanceof CloudApiError);
      assert.equal(e.status, 0);
      assert.equal(e.ambiguous, true);
      assert.equal(e.retryable, true);
      return true;
    });
    assert.equal((await org(lab)).wrapupCodes.filter((c) => c.name === 'Ambiguous code').length, 1);
  });

  test('a create that failed with 5xx before it happened is created once after the look-up', async () => {
    await setFaults(lab, [
      { path: '/api/v2/routing/queues', method: 'POST', errorRate: 1, errorStatus: 503, times: 2 },
    ]);
    const q = await lab.client.routing.createQueueOnce({ name: 'Retried queue' });
    assert.equal(q.name, 'Retried queue');
    assert.equal((await org(lab)).queues.filter((x) => x.name === 'Retried queue').length, 1);
  });

  test('a SCIM user create that dropped after it happened is found by externalId', async () => {
    await setFaults(lab, [{ path: '/api/v2/scim/v2/users', method: 'POST', dropAfterRate: 1, times: 1 }]);
    const u = await lab.client.scim.createUserOnce({
      userName: 'once@example.com',
      displayName: 'Once',
      externalId: 'dbid-once',
      active: true,
    });
    assert.equal(u.externalId, 'dbid-once');
    assert.equal((await org(lab)).users.filter((x) => x.externalId === 'dbid-once').length, 1);
  });

  test('5xx and dropped connections on 10% of requests: every operation completes, nothing duplicated', async () => {
    const users = await createUsers(lab, 120, 'faulty');
    const source = await lab.client.presence.ensureSource({ name: 'EXEC Faults' });
    await setFaults(lab, [
      { path: '/api/v2/*', errorRate: 0.05, errorStatus: 503 },
      { path: '/api/v2/*', dropRate: 0.03 },
      { path: '/api/v2/*', dropAfterRate: 0.03 },
    ]);
    const skills = await Promise.all(
      Array.from({ length: 25 }, (_, i) => lab.client.routing.createSkillOnce({ name: `Faulty skill ${i}` })),
    );
    const queues = [];
    for (let i = 0; i < 4; i++)
      queues.push(await lab.client.routing.createQueueOnce({ name: `Faulty queue ${i}` }));
    for (const q of queues) await lab.client.routing.addMembers(q.id!, users);
    for (const u of users.slice(0, 30)) {
      await lab.client.routing.setUserSkills(
        u,
        skills.slice(0, 3).map((s) => ({ id: s.id!, proficiency: 3 })),
      );
    }
    const t0 = Date.now();
    const events = users.map((u, i) => ({
      eventId: eventIdFor('faulty', u),
      eventDateTime: new Date(t0 + i).toISOString(),
      agentId: u,
      sourceId: source.id!,
      status: 'Idle',
    }));
    const res = await lab.client.events.routingStatus(events);
    // A connection dropped after the API took a batch makes the transport send it again, and the repeat
    // is answered "already received" (events.ts says so): the only errors allowed. Each event must still
    // have been taken exactly once (the audit, below).
    const notRepeats = res.errors.filter((e) => !/already received/.test(e.message));
    assert.deepEqual(notRepeats, []);
    const listed = await lab.client.routing.listSkills({ name: 'Faulty skill' });
    await setFaults(lab, []);

    const dump = await org(lab);
    assert.equal(dump.skills.filter((s) => s.name.startsWith('Faulty skill')).length, 25);
    assert.equal(listed.length, 25);
    assert.equal(dump.queues.filter((q) => q.name.startsWith('Faulty queue')).length, 4);
    for (const q of queues) assert.equal(dump.queues.find((x) => x.id === q.id)?.members.length, 120);
    const audit = await lab.admin<{ events: { eventId: string; status: string }[] }>('GET', 'audit');
    const accepted = audit.events.filter((e) => e.status === 'accepted').map((e) => e.eventId);
    for (const e of events)
      assert.equal(accepted.filter((id) => id === e.eventId).length, 1, `event ${e.eventId} accepted once`);
    const requests = await auditRequests(lab);
    assert.ok(
      requests.some((r) => r.fault),
      'faults were injected',
    );
    assert.ok((await metricSum(lab.registry, 'exec_cloud_retries_total')) > 0);
  });
});

describe('cloud client: 429 storm', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off' }, { maxRetries: 10 });
  });
  after(() => lab.stop());

  test('a 429 storm pauses every caller of the token for Retry-After, then all calls succeed', async () => {
    await lab.client.checkLogin();
    await setFaults(lab, [{ path: '/api/v2/routing/*', storm429Seconds: 2, retryAfterSeconds: 1 }]);
    const routingCalls = Promise.all(Array.from({ length: 10 }, () => lab.client.routing.listSkills()));
    // Once the storm has answered a 429, a caller in another area must wait too.
    await until(
      'a 429 answered',
      async () => (await metricSum(lab.registry, 'exec_cloud_rate_limited_total')) > 0,
      {
        timeoutMs: 5000,
        intervalMs: 5,
      },
    );
    const sources = await lab.client.presence.listSources();
    assert.ok(Array.isArray(sources));
    const results = await routingCalls;
    assert.equal(results.length, 10);
    const waited = await metricSum(lab.registry, 'exec_cloud_limiter_wait_seconds', { area: 'presence' });
    assert.ok(waited > 0, 'the presence call waited for the Retry-After pause');
    const tooMany = (await auditRequests(lab)).filter((r) => r.status === 429);
    assert.ok(tooMany.length >= 10);
    // Everyone waits out each Retry-After together: a few rounds of the 10 callers, not a retry storm.
    assert.ok(tooMany.length <= 40, `${tooMany.length} 429s`);
    assert.equal(await metricSum(lab.registry, 'exec_cloud_rate_limited_total'), tooMany.length);
  });
});
