// Issue 10's rules over HTTP, each with a request that must fail and one that must pass: the strict event
// order and duplicate modes, eventual consistency, the limits and validation of the real models, the fault
// presets and the small fixes (statuses, enums, defaults).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { answeredCall } from '../../src/lab/cloud-emulator/events/test-fixtures.ts';
import { startWithClient, type EmulatorClient } from './helpers.ts';

const SCIM = '/api/v2/scim/v2/users';
let n = 0;
const scimUser = () => {
  n++;
  return { userName: `strict${n}@example.com`, displayName: `Strict ${n}`, externalId: `s${n}` };
};

/** A source, a queue, a user and a wrap-up code: what a voice call needs. */
async function callSetup(c: EmulatorClient) {
  const sourceId = (await c.call('POST', '/api/v2/presence/sources', { name: `src-${randomUUID()}` })).body
    .id as string;
  const queueId = (await c.call('POST', '/api/v2/routing/queues', { name: `q-${randomUUID()}` })).body
    .id as string;
  const userId = (await c.call('POST', SCIM, scimUser())).body.id as string;
  const wrapupCodeId = (await c.call('POST', '/api/v2/routing/wrapupcodes', { name: `w-${randomUUID()}` }))
    .body.id as string;
  return { sourceId, queueId, userId, wrapupCodeId };
}

describe('strict emulator rules over HTTP', () => {
  let c: EmulatorClient;
  before(async () => {
    c = await startWithClient({ rateLimitPerMinute: 300, eventOrderSeed: 3 });
  });
  after(async () => c.emu.stop());

  it('event order: a whole call in one request fails under the strict default, passes sorted', async () => {
    const f = await callSetup(c);
    let rejected = 0;
    for (let i = 0; i < 4; i++) {
      const r = await c.call('POST', '/api/v2/events/conversations', answeredCall(f).batch);
      assert.equal(r.status, 200);
      rejected += (r.body.errors as unknown[]).length;
    }
    assert.ok(rejected > 0, 'relying on the order of a request fails');
    const sorted = await startWithClient({ rateLimitPerMinute: 'off', eventOrder: 'sorted' });
    try {
      const g = await callSetup(sorted);
      const r = await sorted.call('POST', '/api/v2/events/conversations', answeredCall(g).batch);
      assert.deepEqual(r.body, { errors: [] });
    } finally {
      await sorted.emu.stop();
    }
  });

  it('duplicates: --duplicate-events absorb accepts a repeat silently, still audited', async () => {
    const absorb = await startWithClient({ rateLimitPerMinute: 'off', duplicateEvents: 'absorb' });
    try {
      const g = await callSetup(absorb);
      const ev = {
        eventId: randomUUID(),
        eventDateTime: new Date().toISOString(),
        agentId: g.userId,
        sourceId: g.sourceId,
        status: 'Idle',
      };
      for (let i = 0; i < 2; i++) {
        const r = await absorb.call('POST', '/api/v2/events/users/routingstatus', {
          userRoutingStatusEvents: [ev],
        });
        assert.deepEqual(r.body, { errors: [] });
      }
      const audit = await absorb.admin('GET', 'audit');
      const statuses = (audit.body.events as { eventId: string; status: string }[])
        .filter((e) => e.eventId === ev.eventId)
        .map((e) => e.status);
      assert.deepEqual(statuses, ['accepted', 'duplicate']);
    } finally {
      await absorb.emu.stop();
    }
  });

  it('limits: routingskills/bulk at most 50; unknown properties are 400 invalid.property', async () => {
    const user = (await c.call('POST', SCIM, scimUser())).body.id as string;
    const skills: string[] = [];
    for (let i = 0; i < 51; i++)
      skills.push(
        (await c.call('POST', '/api/v2/routing/skills', { name: `bulk-${n}-${i}` })).body.id as string,
      );
    const body = (k: number) => skills.slice(0, k).map((id) => ({ id, proficiency: 3 }));
    const over = await c.call('PUT', `/api/v2/users/${user}/routingskills/bulk`, body(51));
    assert.equal(over.status, 400);
    assert.match(String(over.body.message), /At most 50/);
    assert.equal((await c.call('PUT', `/api/v2/users/${user}/routingskills/bulk`, body(50))).status, 200);
    const typo = await c.call('POST', '/api/v2/routing/queues', {
      name: `typo-${n}`,
      enableTranscriptions: true,
    });
    assert.deepEqual([typo.status, typo.body.code], [400, 'invalid.property']);
    assert.match(
      String(typo.body.message),
      /Value \[enableTranscriptions\] is not a valid property for object/,
    );
    const ok = await c.call('POST', '/api/v2/routing/queues', {
      name: `typo-${n}`,
      enableTranscription: true,
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.enableTranscriptions, undefined);
    // PUT of what GET answered (read-only fields included) is accepted.
    const got = await c.call('GET', `/api/v2/routing/queues/${String(ok.body.id)}`);
    assert.equal((await c.call('PUT', `/api/v2/routing/queues/${String(ok.body.id)}`, got.body)).status, 200);
    const badEntry = await c.call('PATCH', `/api/v2/users/${user}/routingskills/bulk`, [
      { id: skills[0], proficency: 2 },
    ]);
    assert.deepEqual([badEntry.status, badEntry.body.code], [400, 'invalid.property']);
  });

  it('grants need divisionId and accept "*"; WRAPUPCODE is no division object type', async () => {
    const user = (await c.call('POST', SCIM, scimUser())).body.id as string;
    const role = (
      (await c.call('GET', '/api/v2/authorization/roles?name=Supervisor')).body.entities?.[0] as {
        id: string;
      }
    ).id;
    const home = (await c.call('GET', '/api/v2/authorization/divisions/home')).body.id as string;
    const bulkadd = (grants: unknown) =>
      c.call('POST', `/api/v2/authorization/subjects/${user}/bulkadd`, { grants });
    assert.equal((await bulkadd([{ roleId: role }])).status, 400);
    assert.equal((await bulkadd([{ roleId: role, divisionId: '*' }])).status, 204);
    assert.equal((await bulkadd([{ roleId: role, divisionId: home }])).status, 204);
    const code = (await c.call('POST', '/api/v2/routing/wrapupcodes', { name: `wc-${n}` })).body.id;
    const wrap = await c.call('POST', `/api/v2/authorization/divisions/${home}/objects/WRAPUPCODE`, [code]);
    assert.equal(wrap.status, 400);
    assert.equal(
      (await c.call('POST', `/api/v2/authorization/divisions/${home}/objects/user`, [user])).status,
      400,
    );
    assert.equal(
      (await c.call('POST', `/api/v2/authorization/divisions/${home}/objects/USER`, [user])).status,
      204,
    );
  });

  it('small fixes: OFF_QUEUE, PATCH members 200 ignoring non-members, DELETE 200, definitions, fileName', async () => {
    const q = (await c.call('POST', '/api/v2/routing/queues', { name: `members-${n}` })).body.id as string;
    const [a, b] = [
      (await c.call('POST', SCIM, scimUser())).body.id,
      (await c.call('POST', SCIM, scimUser())).body.id,
    ] as string[];
    assert.equal((await c.call('POST', `/api/v2/routing/queues/${q}/members`, [{ id: a }])).status, 200);
    const members = await c.call('GET', `/api/v2/routing/queues/${q}/members`);
    assert.equal((members.body.entities?.[0]?.routingStatus as { status: string }).status, 'OFF_QUEUE');
    const patched = await c.call('PATCH', `/api/v2/routing/queues/${q}/members`, [
      { id: a, joined: true },
      { id: b, joined: true },
    ]);
    assert.equal(patched.status, 200);
    assert.deepEqual(
      patched.body.entities?.map((e) => [e.id, e.joined]),
      [[a, true]],
    );
    const skill = (await c.call('POST', '/api/v2/routing/skills', { name: `del-${n}` })).body.id;
    assert.equal((await c.call('DELETE', `/api/v2/routing/skills/${String(skill)}`)).status, 200);
    assert.equal((await c.call('DELETE', `/api/v2/routing/queues/${q}`)).status, 200);
    const defs = await c.call('GET', '/api/v2/presence/definitions');
    assert.ok(defs.body.entities?.every((d) => d.deactivated === false));
    const upload = (fileName: string) => c.call('POST', '/api/v2/uploads/recordings', { fileName });
    assert.equal((await upload('rec:2026-01-01+x.zip')).status, 200, 'the documented rule allows : and +');
    assert.equal((await upload('.hidden')).status, 400);
    assert.equal((await upload('dir/')).status, 400);
    assert.equal((await upload('a b')).status, 400);
    assert.equal((await upload('a#b')).status, 400);
    assert.equal(
      (await c.call('POST', '/api/v2/uploads/recordings', {})).status,
      200,
      'fileName is optional',
    );
  });

  it('rate-limit headers on every answer', async () => {
    const r = await c.call('GET', '/api/v2/routing/skills');
    assert.equal(r.headers.get('inin-ratelimit-allowed'), '300');
    assert.ok(Number(r.headers.get('inin-ratelimit-count')) >= 1);
    assert.ok(Number(r.headers.get('inin-ratelimit-reset')) <= 60);
  });

  it('fault presets: version conflicts, retryable events, expired credentials', async () => {
    const setPresets = (presets: unknown) => c.admin('PUT', 'faults', { presets });
    const user = (await c.call('POST', SCIM, scimUser())).body.id as string;
    await setPresets([{ name: 'versionConflicts', rate: 1 }]);
    const conflict = await c.call('PUT', `/api/v2/users/${user}/routingskills/bulk`, []);
    assert.deepEqual([conflict.status, conflict.body.code], [409, 'general.conflict']);
    assert.equal((await c.call('GET', `/api/v2/users/${user}`)).status, 200, 'reads are not user writes');
    const f = await callSetup(c);
    await setPresets([{ name: 'retryableEvents', rate: 1 }]);
    const ev = {
      eventId: randomUUID(),
      eventDateTime: new Date().toISOString(),
      agentId: f.userId,
      sourceId: f.sourceId,
      status: 'Idle',
    };
    const failed = await c.call('POST', '/api/v2/events/users/routingstatus', {
      userRoutingStatusEvents: [ev],
    });
    assert.deepEqual(
      (failed.body.errors as { eventId: string; retryable: boolean }[]).map((e) => [e.eventId, e.retryable]),
      [[ev.eventId, true]],
    );
    await setPresets([{ name: 'expiredCredentials', rate: 1, times: 1 }]);
    const expired = await c.call('GET', '/api/v2/routing/skills');
    assert.deepEqual([expired.status, expired.body.code], [401, 'credentials.expired']);
    await c.admin('DELETE', 'faults');
    await c.login();
    const resent = await c.call('POST', '/api/v2/events/users/routingstatus', {
      userRoutingStatusEvents: [ev],
    });
    assert.deepEqual(resent.body, { errors: [] }, 'the retryable event is accepted when re-sent');
    const unknown = await c.admin('PUT', 'faults', { presets: [{ name: 'chaos', rate: 1 }] });
    assert.equal(unknown.status, 400);
  });
});

describe('eventual consistency (--consistency-delay)', () => {
  let c: EmulatorClient;
  before(async () => {
    c = await startWithClient({ rateLimitPerMinute: 'off', consistencyDelayMs: 400 });
  });
  after(async () => c.emu.stop());
  const later = () => new Promise((r) => setTimeout(r, 450));

  it('a created object is missing from GETs and lists until the delay has passed', async () => {
    const skill = await c.call('POST', '/api/v2/routing/skills', { name: 'lagging' });
    assert.equal(skill.status, 200);
    assert.equal((await c.call('GET', `/api/v2/routing/skills/${String(skill.body.id)}`)).status, 404);
    assert.equal((await c.call('GET', '/api/v2/routing/skills?name=lagging')).body.total, 0);
    const again = await c.call('POST', '/api/v2/routing/skills', { name: 'lagging' });
    assert.equal(again.status, 409, 'the write itself happened: the name is taken');
    const user = await c.call('POST', SCIM, scimUser());
    assert.equal((await c.call('GET', `${SCIM}/${String(user.body.id)}`)).status, 404);
    await later();
    assert.equal((await c.call('GET', `/api/v2/routing/skills/${String(skill.body.id)}`)).status, 200);
    assert.equal((await c.call('GET', `${SCIM}/${String(user.body.id)}`)).status, 200);
  });

  it('a changed user reads as before, and queue members change asynchronously', async () => {
    const user = (await c.call('POST', SCIM, scimUser())).body.id as string;
    const q = (await c.call('POST', '/api/v2/routing/queues', { name: 'async-members' })).body.id as string;
    await later();
    const patch = { schemas: [], Operations: [{ op: 'replace', path: 'displayName', value: 'Changed' }] };
    assert.equal((await c.call('PATCH', `${SCIM}/${user}`, patch)).body.displayName, 'Changed');
    assert.notEqual((await c.call('GET', `${SCIM}/${user}`)).body.displayName, 'Changed');
    assert.equal((await c.call('POST', `/api/v2/routing/queues/${q}/members`, [{ id: user }])).status, 200);
    assert.equal((await c.call('GET', `/api/v2/routing/queues/${q}/members`)).body.entities?.length, 0);
    await later();
    assert.equal((await c.call('GET', `${SCIM}/${user}`)).body.displayName, 'Changed');
    assert.equal((await c.call('GET', `/api/v2/routing/queues/${q}/members`)).body.entities?.length, 1);
  });

  it('bulkadd right after a role is created 404s once', async () => {
    const user = (await c.call('POST', SCIM, scimUser())).body.id as string;
    const role = (
      (await c.admin('POST', 'seed', { roles: [{ name: 'Fresh Role' }] })).body.roles as { id: string }[]
    )[0]?.id;
    const grant = () =>
      c.call('POST', `/api/v2/authorization/subjects/${user}/bulkadd`, {
        grants: [{ roleId: role, divisionId: '*' }],
      });
    assert.equal((await grant()).status, 404);
    assert.equal((await grant()).status, 204);
  });
});
