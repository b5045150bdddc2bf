// The cloud client against the real emulator: login and renewal, paging, bulk splitting, the Events API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CloudApiError,
  createCloudClient,
  eventIdFor,
  pageNumberPages,
  collect,
  type TaggedConversationEvent,
} from '../../src/cloud/index.ts';
import { auditRequests, createUsers, metricSum, org, startLab, type Lab } from './helpers.ts';

describe('cloud client: login, paging, bulk, events', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off' });
  });
  after(() => lab.stop());

  test('concurrent first calls share one login (single-flight)', async () => {
    const homes = await Promise.all(
      Array.from({ length: 20 }, () => lab.client.authorization.homeDivision()),
    );
    assert.ok(homes.every((h) => h.id === homes[0]!.id && h.homeDivision === true));
    assert.equal(await metricSum(lab.registry, 'exec_cloud_token_renewals_total', { result: 'ok' }), 1);
  });

  test('a token the server stopped accepting (401) is renewed once for all callers, and the calls repeated', async () => {
    await lab.client.checkLogin();
    const renewals = await metricSum(lab.registry, 'exec_cloud_token_renewals_total', { result: 'ok' });
    const retried401 = await metricSum(lab.registry, 'exec_cloud_retries_total', { reason: '401' });
    await lab.admin('POST', 'tokens/expire');
    const results = await Promise.all(Array.from({ length: 8 }, () => lab.client.presence.listSources()));
    assert.equal(results.length, 8);
    assert.ok((await metricSum(lab.registry, 'exec_cloud_retries_total', { reason: '401' })) > retried401);
    // A 1 s token may also come due for its scheduled renewal meanwhile; never one renewal per caller.
    const added =
      (await metricSum(lab.registry, 'exec_cloud_token_renewals_total', { result: 'ok' })) - renewals;
    assert.ok(added >= 1 && added <= 2, `${added} renewals`);
  });

  test('a wrong secret fails as a non-retryable CloudApiError that does not carry the secret', async () => {
    const bad = createCloudClient({
      apiUrl: lab.emu.url,
      authUrl: lab.emu.url,
      clientId: lab.emu.clientId,
      clientSecret: 'wrong-secret-xyz',
      backoff: { baseMs: 1, maxMs: 5 },
    });
    try {
      await assert.rejects(bad.routing.listSkills(), (e: unknown) => {
        assert.ok(e instanceof CloudApiError);
        assert.equal(e.status, 401);
        assert.equal(e.retryable, false);
        assert.doesNotMatch(`${e.message} ${JSON.stringify(e)}`, /wrong-secret-xyz/);
        return true;
      });
    } finally {
      await bad.close();
    }
  });

  test('other 4xx are never retried', async () => {
    const before = (await auditRequests(lab)).length;
    await assert.rejects(lab.client.routing.createSkill({ name: '' }), (e: unknown) => {
      assert.ok(e instanceof CloudApiError);
      assert.equal(e.status, 400);
      assert.equal(e.retryable, false);
      assert.ok(e.correlationId, 'carries ININ-Correlation-Id');
      return true;
    });
    const posts = (await auditRequests(lab))
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === '/api/v2/routing/skills');
    assert.equal(posts.length, 1);
  });

  test('SCIM startIndex paging and page-number paging walk every page', async () => {
    await createUsers(lab, 30, 'pager');
    const before = (await auditRequests(lab)).length;
    const small = await lab.client.scim.listUsers({ count: 10 });
    const big = await lab.client.scim.listUsers({ count: 25 });
    assert.ok(small.length >= 30);
    assert.deepEqual(
      small.map((u) => u.id),
      big.map((u) => u.id),
    );
    const scimGets = (await auditRequests(lab))
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path === '/api/v2/scim/v2/users');
    assert.equal(scimGets.length, Math.ceil(small.length / 10) + Math.ceil(big.length / 25));

    for (let i = 0; i < 16; i++) await lab.client.routing.createSkill({ name: `pageskill-${i}` });
    const viaPages = await collect(
      pageNumberPages(
        (pageNumber, pageSize) =>
          lab.client.request<{ entities: { name: string }[]; pageCount: number }>({
            area: 'routing',
            method: 'GET',
            path: '/api/v2/routing/skills',
            query: { pageNumber, pageSize, name: 'pageskill-' },
          }),
        { pageSize: 5 },
      ),
    );
    assert.equal(viaPages.length, 16);
    assert.equal(new Set(viaPages.map((s) => s.name)).size, 16);
  });

  test('a 250-member queue is filled in three calls and read back across pages', async () => {
    const users = await createUsers(lab, 250, 'member');
    const queue = await lab.client.routing.createQueue({ name: 'Big queue', peerId: '4711' });
    const before = (await auditRequests(lab)).length;
    assert.equal(await lab.client.routing.addMembers(queue.id!, users), 3);
    const posts = (await auditRequests(lab))
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === `/api/v2/routing/queues/${queue.id}/members`);
    assert.deepEqual(
      posts.map((p) => p.status),
      [200, 200, 200],
    );
    const members = await lab.client.routing.listMembers(queue.id!);
    assert.deepEqual(new Set(members.map((m) => m.id)), new Set(users));
    const dump = await org(lab);
    assert.equal(dump.queues.find((q) => q.id === queue.id)?.members.length, 250);
    assert.equal((await lab.client.routing.findQueueByPeerId('4711'))?.id, queue.id);

    assert.equal(await lab.client.routing.removeMembers(queue.id!, users.slice(0, 150)), 2);
    assert.equal((await lab.client.routing.listMembers(queue.id!)).length, 100);
  });

  test('queue wrap-up codes are assigned 100 per call', async () => {
    const codes = [];
    for (let i = 0; i < 120; i++)
      codes.push((await lab.client.routing.createWrapupCode({ name: `wrap-${i}` })).id!);
    const queue = await lab.client.routing.createQueue({ name: 'Wrapped queue' });
    const before = (await auditRequests(lab)).length;
    await lab.client.routing.addQueueWrapupCodes(queue.id!, codes);
    const posts = (await auditRequests(lab))
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path.endsWith('/wrapupcodes'));
    assert.equal(posts.length, 2);
    assert.equal((await lab.client.routing.listQueueWrapupCodes(queue.id!)).length, 120);
  });

  test('presence events: per-event errors with retryable, valid ones accepted, a re-send seen as a duplicate', async () => {
    const [userId] = await createUsers(lab, 1, 'presence');
    const source = await lab.client.presence.ensureSource({ name: 'EXEC Engage' });
    assert.equal((await lab.client.presence.ensureSource({ name: 'EXEC Engage' })).id, source.id);
    const ids = await lab.client.presence.systemPresenceIds();
    assert.ok(ids.get('Available'), 'system presence Available has a definition');
    const at = new Date().toISOString();
    const good = {
      eventId: eventIdFor('p', 1),
      eventDateTime: at,
      userId: userId!,
      sourceId: source.id!,
      presenceDefinitionId: ids.get('Available')!,
    };
    const unknownUser = {
      ...good,
      eventId: eventIdFor('p', 2),
      userId: '00000000-0000-4000-8000-000000000000',
    };
    const res = await lab.client.events.presence([good, unknownUser]);
    assert.equal(res.submitted, 2);
    assert.deepEqual(
      res.errors.map((e) => [e.eventId, e.retryable]),
      [[unknownUser.eventId, false]],
    );
    // The API's handling of a repeated eventId is not public: the emulator rejects it by default.
    const again = await lab.client.events.presence([good]);
    assert.deepEqual(
      again.errors.map((e) => [e.eventId, e.retryable]),
      [[good.eventId, false]],
    );
    const audit = await lab.admin<{ events: { eventId: string; status: string }[] }>('GET', 'audit');
    const statuses = audit.events.filter((e) => e.eventId === good.eventId).map((e) => e.status);
    assert.deepEqual(statuses, ['accepted', 'duplicate']);
  });

  test('events are sent in batches of the configured size', async () => {
    const [userId] = await createUsers(lab, 1, 'routingstatus');
    const source = await lab.client.presence.ensureSource({ name: 'EXEC Engage' });
    const t0 = Date.now();
    const events = Array.from({ length: 250 }, (_, i) => ({
      eventId: eventIdFor('rs', i),
      eventDateTime: new Date(t0 + i).toISOString(),
      agentId: userId!,
      sourceId: source.id!,
      status: i % 2 ? 'Idle' : 'OffQueue',
    }));
    const res = await lab.client.events.routingStatus(events);
    assert.equal(res.batches, 3);
    assert.deepEqual(res.errors, []);
  });

  test('roles, divisions, user roles and skills, languages, SCIM update and deactivation', async () => {
    const [userId] = await createUsers(lab, 1, 'areas');
    const role = await lab.client.authorization.findRoleByName('employee');
    assert.equal(role?.name, 'Employee');
    await lab.client.authorization.setUserRoles(userId!, [role!.id!]);
    const divisions = await collect(lab.client.authorization.divisions());
    assert.ok(divisions.some((d) => d.homeDivision));
    const skill = await lab.client.routing.createSkillOnce({ name: 'Areas skill' });
    await lab.client.routing.setUserSkills(userId!, [{ id: skill.id!, proficiency: 4 }]);
    const assigned = await collect(lab.client.routing.userSkills(userId!));
    assert.deepEqual(
      assigned.map((s) => [s.id, s.proficiency]),
      [[skill.id, 4]],
    );
    const language = await lab.client.routing.createLanguageOnce({ name: 'Areas language' });
    assert.equal((await lab.client.routing.findLanguageByName('areas LANGUAGE'))?.id, language.id);
    const found = await lab.client.scim.findByExternalId('areas-0');
    assert.equal(found?.id, userId);
    const updated = await lab.client.scim.replaceUser(
      userId!,
      { ...found!, displayName: 'Renamed' },
      found!.meta?.version,
    );
    assert.equal(updated.displayName, 'Renamed');
    await assert.rejects(
      lab.client.scim.replaceUser(userId!, { ...found! }, found!.meta?.version),
      (e: unknown) => {
        assert.ok(e instanceof CloudApiError);
        assert.equal(e.status, 400, 'a stale version is refused');
        return true;
      },
    );
    const inactive = await lab.client.scim.deactivateUser(userId!);
    assert.equal(inactive.active, false);
  });

  test('conversation events: tagged events in order across batches; an incoherent one comes back as non-retryable', async () => {
    const [userId] = await createUsers(lab, 1, 'conv');
    const queue = await lab.client.routing.createQueueOnce({ name: 'Conv queue' });
    const code = await lab.client.routing.createWrapupCodeOnce({ name: 'Conv code' });
    await lab.client.routing.addQueueWrapupCodes(queue.id!, [code.id!]);
    const source = await lab.client.presence.ensureSource({ name: 'EXEC Engage' });
    const small = createCloudClient({
      apiUrl: lab.emu.url,
      authUrl: lab.emu.url,
      clientId: lab.emu.clientId,
      clientSecret: lab.emu.clientSecret,
      eventsBatchLimit: 3,
    });
    try {
      const conversationId = eventIdFor('conv', 'call-1');
      const [C, Q, A] = ['C', 'Q', 'A'].map((p) => eventIdFor('conv', 'call-1', p)) as [
        string,
        string,
        string,
      ];
      const t0 = Date.now();
      let n = 0;
      const base = (s: number) => ({
        eventId: eventIdFor('conv', 'call-1', 'event', n++),
        eventDateTime: new Date(t0 + s * 1000).toISOString(),
        conversationId,
      });
      const src = { sourceId: source.id!, interactionId: 'call-1' };
      const events: TaggedConversationEvent[] = [
        {
          kind: 'externalEstablishedEvents',
          event: {
            ...base(0),
            communicationId: C,
            ani: '+15551230000',
            initialConfiguration: { inbound: true, alerting: false },
            sourceConfiguration: src,
          },
        },
        {
          kind: 'routingEstablishedEvents',
          event: {
            ...base(1),
            communicationId: Q,
            queueId: queue.id!,
            initialConfiguration: { inbound: true, invitedBy: C },
            sourceConfiguration: src,
          },
        },
        {
          kind: 'userEstablishedEvents',
          event: {
            ...base(5),
            communicationId: A,
            userId: userId!,
            afterCallWorkRequired: true,
            initialConfiguration: { alerting: true, invitedBy: Q },
            sourceConfiguration: src,
          },
        },
        { kind: 'communicationAnsweredEvents', event: { ...base(8), communicationId: A } },
        {
          kind: 'communicationEndedEvents',
          event: { ...base(8), communicationId: Q, disconnectType: 'Transfer' },
        },
        { kind: 'holdUpdatedEvents', event: { ...base(20), communicationId: A, held: true } },
        { kind: 'holdUpdatedEvents', event: { ...base(30), communicationId: A, held: false } },
        {
          kind: 'communicationEndedEvents',
          event: { ...base(60), communicationId: C, disconnectType: 'Self' },
        },
        {
          kind: 'communicationEndedEvents',
          event: { ...base(60), communicationId: A, disconnectType: 'Peer' },
        },
        {
          kind: 'communicationDispositionAppliedEvents',
          event: { ...base(75), communicationId: A, code: code.id! },
        },
      ];
      // Events of a conversation share a request only when they commute (the API does not promise an
      // order within one): the agent answering as the queue leg ends, and both parties hanging up.
      const res = await small.events.conversations(events);
      assert.equal(res.batches, 8);
      assert.deepEqual(res.errors, []);
      const stray = { ...base(90), communicationId: eventIdFor('conv', 'never-established') };
      const bad = await small.events.conversations([{ kind: 'communicationAnsweredEvents', event: stray }]);
      assert.deepEqual(
        bad.errors.map((e) => [e.eventId, e.retryable]),
        [[stray.eventId, false]],
      );
      const dump = await lab.admin<{ conversations: { id: string; events: unknown[] }[] }>('GET', 'org');
      assert.equal(dump.conversations.find((c) => c.id === conversationId)?.events.length, 10);
    } finally {
      await small.close();
    }
  });

  test('transcription and speech analytics settings, recording keys and an upload round-trip', async () => {
    const ts = await lab.client.routing.transcriptionSettings();
    assert.equal(typeof ts.transcription, 'string');
    const sta = await lab.client.speechAnalytics.settings();
    assert.ok(sta.defaultProgram?.id);
    const programs = await lab.client.speechAnalytics.listPrograms();
    assert.ok(programs.some((p) => p.id === sta.defaultProgram!.id));
    const queue = await lab.client.routing.createQueue({ name: 'STA queue' });
    await lab.client.speechAnalytics.setProgramMappings(sta.defaultProgram!.id!, {
      queueIds: [queue.id!],
      flowIds: [],
    });
    assert.equal((await lab.client.speechAnalytics.queuePrograms()).get(queue.id!), sta.defaultProgram!.id);
    const key = await lab.client.recording.currentKey();
    assert.ok(key?.keydataSummary && !key.keydataSummary.includes('BEGIN'));
    const target = await lab.client.recording.uploadUrl({
      fileName: 'rec1.zip',
      contentType: 'application/zip',
    });
    const status = await lab.client.recording.upload(target, Buffer.from('zip bytes'));
    assert.ok(status >= 200 && status < 300);
  });
});

describe('cloud client: token renewal', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off', tokenTtlSeconds: 1 });
  });
  after(() => lab.stop());

  test('a short-lived token is renewed before it expires while calls keep flowing', async () => {
    let calls = 0;
    // Run until the token has been renewed a few times (bounded), every call must succeed.
    for (
      let i = 0;
      i < 2000 && (await metricSum(lab.registry, 'exec_cloud_token_renewals_total', { result: 'ok' })) < 4;
      i++
    ) {
      await Promise.all([lab.client.authorization.homeDivision(), lab.client.presence.listSources()]);
      calls += 2;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(calls > 0);
    assert.ok((await metricSum(lab.registry, 'exec_cloud_token_renewals_total', { result: 'ok' })) >= 4);
    assert.equal(await metricSum(lab.registry, 'exec_cloud_token_renewals_total', { result: 'error' }), 0);
  });
});
