// The emulator over HTTP: OAuth, the per-token rate limit, request.bytes.max, bulk limits, SCIM rules,
// paging, and the Events API's request-level rules and duplicates.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startWithClient, type EmulatorClient } from './helpers.ts';

const SCIM = '/api/v2/scim/v2/users';
const scimUser = (n: number, extra: Record<string, unknown> = {}) => ({
  userName: `agent${n}@example.com`,
  displayName: `Agent ${n}`,
  externalId: String(1000 + n),
  ...extra,
});

describe('emulator API rules over HTTP', () => {
  let c: EmulatorClient;
  before(async () => {
    c = await startWithClient({ rateLimitPerMinute: 'off' });
  });
  after(async () => c.emu.stop());

  it('OAuth: bad secret 401, other grant 400, API without or with a dead token 401 ErrorBody', async () => {
    const bad = await fetch(`${c.emu.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('exec-lab:nope').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as { error: string }).error, 'invalid_client');
    const grant = await fetch(`${c.emu.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('exec-lab:exec-lab-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=password',
    });
    assert.equal(grant.status, 400);
    const none = await c.call('GET', '/api/v2/routing/skills', undefined, { authorization: '' });
    assert.equal(none.status, 401);
    assert.equal(none.body.code, 'authentication.required');
    assert.ok(none.headers.get('inin-correlation-id'));
    const unknown = await c.call('GET', '/api/v2/routing/skills', undefined, {
      authorization: 'Bearer nope',
    });
    assert.deepEqual([unknown.status, unknown.body.code], [401, 'bad.credentials']);
    await c.admin('POST', 'tokens/expire');
    const expired = await c.call('GET', '/api/v2/routing/skills');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'credentials.expired');
    assert.match(String(expired.body.message), /expired/);
    await c.login();
    assert.equal((await c.call('GET', '/api/v2/routing/skills')).status, 200);
  });

  it('request.bytes.max: a body over 512,000 bytes is refused with 413', async () => {
    const r = await c.call('POST', '/api/v2/routing/skills', { name: 'x'.repeat(600_000) });
    assert.equal(r.status, 413);
    assert.equal(r.body.status, 413);
  });

  it('names are unique ignoring case; required fields are named in the error', async () => {
    assert.equal((await c.call('POST', '/api/v2/routing/queues', { name: 'VQ_Sales' })).status, 200);
    const dup = await c.call('POST', '/api/v2/routing/queues', { name: 'vq_sales' });
    assert.equal(dup.status, 409);
    const noName = await c.call('POST', '/api/v2/routing/wrapupcodes', { description: 'x' });
    assert.equal(noName.status, 400);
    assert.match(String(noName.body.message), /name is required/);
  });

  it('queue members: 101 in one call refused, 250 added in three calls, paged 100 at a time', async () => {
    const q = await c.call('POST', '/api/v2/routing/queues', { name: 'VQ_Big' });
    const qid = q.body.id as string;
    const users: string[] = [];
    for (let i = 0; i < 250; i++) users.push((await c.call('POST', SCIM, scimUser(i))).body.id as string);
    const tooMany = await c.call(
      'POST',
      `/api/v2/routing/queues/${qid}/members`,
      users.slice(0, 101).map((id) => ({ id })),
    );
    assert.equal(tooMany.status, 400);
    for (const part of [users.slice(0, 100), users.slice(100, 200), users.slice(200)])
      assert.equal(
        (
          await c.call(
            'POST',
            `/api/v2/routing/queues/${qid}/members`,
            part.map((id) => ({ id })),
          )
        ).status,
        200,
      );
    const page3 = await c.call('GET', `/api/v2/routing/queues/${qid}/members?pageSize=100&pageNumber=3`);
    assert.equal(page3.body.entities?.length, 50);
    assert.equal(page3.body.nextUri, undefined);
    const page1 = await c.call('GET', `/api/v2/routing/queues/${qid}/members?pageSize=100`);
    assert.match(String(page1.body.nextUri), /pageNumber=2/);
    assert.equal((await c.call('GET', `/api/v2/routing/queues/${qid}/members?pageSize=101`)).status, 400);
    const unknown = await c.call('POST', `/api/v2/routing/queues/${qid}/members`, [{ id: randomUUID() }]);
    assert.equal(unknown.status, 400);
    const notUuid = await c.call('POST', `/api/v2/routing/queues/${qid}/members`, [{ id: '1001' }]);
    assert.equal(notUuid.status, 400);
  });

  it('SCIM: filters, unique userName, If-Match versions, PATCH, active-only listing, ScimError bodies', async () => {
    const created = await c.call('POST', SCIM, scimUser(900, { roles: [{ value: 'Supervisor' }] }));
    assert.equal(created.status, 201);
    const id = created.body.id as string;
    const dup = await c.call(
      'POST',
      SCIM,
      scimUser(900, { userName: 'AGENT900@example.com', externalId: 'x' }),
    );
    assert.equal(dup.status, 409);
    assert.equal(dup.body.scimType, 'uniqueness');
    const byExt = await c.call('GET', `${SCIM}?filter=${encodeURIComponent('externalId eq "1900"')}`);
    assert.equal(byExt.body.totalResults, 1);
    const byName = await c.call(
      'GET',
      `${SCIM}?filter=${encodeURIComponent('userName eq agent900@EXAMPLE.com')}`,
    );
    assert.equal(byName.body.totalResults, 1);
    const badFilter = await c.call('GET', `${SCIM}?filter=${encodeURIComponent('externalId co "19"')}`);
    assert.equal(badFilter.status, 400);
    assert.equal(badFilter.body.scimType, 'invalidFilter');
    const stale = await c.call(
      'PATCH',
      `${SCIM}/${id}`,
      { schemas: [], Operations: [{ op: 'replace', path: 'active', value: false }] },
      { 'if-match': 'W/"7"' },
    );
    assert.equal(stale.status, 400);
    assert.equal(stale.body.scimType, 'invalidVers');
    const patched = await c.call(
      'PATCH',
      `${SCIM}/${id}`,
      { schemas: [], Operations: [{ op: 'replace', path: 'active', value: false }] },
      { 'if-match': 'W/"1"' },
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.body.active, false);
    assert.equal(patched.headers.get('etag'), 'W/"2"');
    const tooMany = await c.call('GET', `${SCIM}?count=26`);
    assert.deepEqual([tooMany.status, tooMany.body.status], [429, '429']);
    const activeOnly = await c.call('GET', `${SCIM}?count=25&startIndex=1`);
    assert.ok(!(activeOnly.body.Resources as { id: string }[]).some((u) => u.id === id));
    const unknownSkill = await c.call(
      'POST',
      SCIM,
      scimUser(901, {
        'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User': {
          routingSkills: [{ name: 'Nope' }],
        },
      }),
    );
    assert.equal(unknownSkill.status, 400);
    assert.match(String(unknownSkill.body.detail), /no skill is named "Nope"/);
  });

  it('entity listings page by pageNumber/pageSize with totals', async () => {
    for (let i = 0; i < 30; i++) await c.call('POST', '/api/v2/routing/skills', { name: `Skill ${i}` });
    const p2 = await c.call('GET', '/api/v2/routing/skills?pageSize=25&pageNumber=2&name=Skill');
    assert.equal(p2.body.total, 30);
    assert.equal(p2.body.pageCount, 2);
    assert.equal(p2.body.entities?.length, 5);
    assert.match(String(p2.body.previousUri), /pageNumber=1/);
  });

  it('Events API: batch limit, unknown arrays, duplicates rejected and counted in the audit', async () => {
    const big = { userPresenceEvents: Array.from({ length: 101 }, () => ({ eventId: randomUUID() })) };
    const over = await c.call('POST', '/api/v2/events/users/presence', big);
    assert.equal(over.status, 400);
    assert.match(String(over.body.message), /maximum of 100 events/);
    const typo = await c.call('POST', '/api/v2/events/conversations', { userEstablishedEvent: [] });
    assert.equal(typo.status, 400);
    const src = await c.call('POST', '/api/v2/presence/sources', { name: 'Engage' });
    const user = (await c.call('POST', SCIM, scimUser(950))).body.id as string;
    const since = Number((await c.admin('GET', 'audit?limit=1')).body.lastSeq);
    const ev = {
      eventId: randomUUID(),
      eventDateTime: new Date().toISOString(),
      agentId: user,
      sourceId: src.body.id,
      status: 'Idle',
    };
    const first = await c.call('POST', '/api/v2/events/users/routingstatus', {
      userRoutingStatusEvents: [ev],
    });
    assert.deepEqual(first.body, { errors: [] });
    // Repeated: a per-event error, not retryable (the default; absorption is opt-in).
    const again = await c.call('POST', '/api/v2/events/users/routingstatus', {
      userRoutingStatusEvents: [ev],
    });
    assert.deepEqual(
      (again.body.errors as { eventId: string; retryable: boolean }[]).map((e) => [e.eventId, e.retryable]),
      [[ev.eventId, false]],
    );
    const audit = await c.admin('GET', `audit?since=${since}`);
    const events = audit.body.events as { eventId: string; status: string; seq: number }[];
    assert.deepEqual(
      events.map((e) => e.status),
      ['accepted', 'duplicate'],
    );
    assert.ok(events.every((e) => e.seq > since));
    const requests = audit.body.requests as { path: string; status: number }[];
    assert.deepEqual(
      requests.map((r) => r.status),
      [200, 200],
    );
  });
});

describe('the per-token rate limit', () => {
  it('answers 429 with Retry-After and the normalized body past the limit, per token', async () => {
    const c = await startWithClient({ rateLimitPerMinute: 5 });
    try {
      for (let i = 0; i < 5; i++)
        assert.equal((await c.call('GET', '/api/v2/authorization/divisions/home')).status, 200);
      const r = await c.call('GET', '/api/v2/authorization/divisions/home');
      assert.equal(r.status, 429);
      const wait = Number(r.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 60);
      assert.equal(r.body.code, 'too.many.requests.retry.after');
      assert.equal(r.body.message, `Rate limit exceeded the maximum. Retry the request in [${wait}] seconds`);
      await c.login(); // a new token has its own budget
      assert.equal((await c.call('GET', '/api/v2/authorization/divisions/home')).status, 200);
    } finally {
      await c.emu.stop();
    }
  });
});

describe('optimistic versions of /api/v2/users', () => {
  it('PATCH needs the current version and bumps it', async () => {
    const c = await startWithClient();
    try {
      const id = (await c.call('POST', SCIM, scimUser(1))).body.id as string;
      assert.equal((await c.call('PATCH', `/api/v2/users/${id}`, { name: 'X' })).status, 400);
      assert.equal((await c.call('PATCH', `/api/v2/users/${id}`, { name: 'X', version: 5 })).status, 409);
      const ok = await c.call('PATCH', `/api/v2/users/${id}`, {
        name: 'Renamed',
        version: 1,
        state: 'inactive',
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.version, 2);
      assert.equal(ok.body.state, 'inactive');
    } finally {
      await c.emu.stop();
    }
  });
});

describe('grants, single skills, key configurations and upload reports', () => {
  it('answers them in the documented shapes', async () => {
    const c = await startWithClient();
    try {
      const id = (await c.call('POST', SCIM, scimUser(2))).body.id as string;
      const roles = await c.call('GET', '/api/v2/authorization/roles?name=supervisor');
      const roleId = roles.body.entities?.[0]?.id as string;
      const home = (await c.call('GET', '/api/v2/authorization/divisions/home')).body.id as string;
      const grant = await c.call('POST', `/api/v2/authorization/subjects/${id}/bulkadd`, {
        grants: [{ roleId, divisionId: home }],
      });
      assert.equal(grant.status, 204);
      const subject = await c.call('GET', `/api/v2/authorization/subjects/${id}`);
      assert.deepEqual(
        (subject.body.grants as { role: { name: string } }[]).map((g) => g.role.name),
        ['Supervisor'],
      );
      const badGrant = await c.call('POST', `/api/v2/authorization/subjects/${id}/bulkadd`, {
        grants: [{ roleId: randomUUID() }],
      });
      assert.equal(badGrant.status, 400);
      const skill = (await c.call('POST', '/api/v2/routing/skills', { name: 'Solo' })).body.id as string;
      assert.equal(
        (await c.call('POST', `/api/v2/users/${id}/routingskills`, { id: skill, proficiency: 2 })).body
          .proficiency,
        2,
      );
      assert.equal((await c.call('DELETE', `/api/v2/users/${id}/routingskills/${skill}`)).status, 200);
      assert.equal((await c.call('GET', `/api/v2/users/${id}/routingskills`)).body.total, 0);
      assert.equal((await c.call('GET', '/api/v2/recording/keyconfigurations')).body.total, 0);
      const report = await c.call('POST', '/api/v2/recording/uploads/reports', {
        dateSince: '2020-01-01T00:00:00Z',
      });
      assert.deepEqual(
        [report.status, report.body.state, report.body.signedUrl],
        [202, 'InProgress', undefined],
      );
      const poll = () => c.call('GET', `/api/v2/recording/uploads/reports/${String(report.body.id)}`);
      assert.equal((await poll()).body.state, 'InProgress');
      const done = await poll();
      assert.equal(done.body.state, 'Completed');
      assert.match(String(done.body.signedUrl), /upload-reports/);
      assert.equal(
        (await c.call('POST', '/api/v2/recording/uploads/reports', { dateSince: 'yesterday' })).status,
        400,
      );
    } finally {
      await c.emu.stop();
    }
  });
});

describe('malformed requests', () => {
  it('answers malformed JSON with 400 and an unknown content type with 415, as ErrorBody', async () => {
    const c = await startWithClient();
    try {
      const bad = await c.call('POST', '/api/v2/routing/skills', '{"name":', {
        'content-type': 'application/json',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'bad.request');
      const xml = await c.call('POST', '/api/v2/routing/skills', '<name/>', {
        'content-type': 'application/xml',
      });
      assert.equal(xml.status, 415);
      assert.equal(xml.body.status, 415);
    } finally {
      await c.emu.stop();
    }
  });
});
