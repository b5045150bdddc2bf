// The client on the strict emulator: skills bulk calls chunked by 50, version conflicts made again (a
// fresh read in scim.updateUser), a grant right after its role was created retried past the 404, and
// creates that find their object although reads lag writes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CloudApiError, isVersionConflict } from '../../src/cloud/index.ts';
import { auditRequests, createUsers, startLab, type Lab } from './helpers.ts';

describe('cloud client on the strict emulator', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off' });
  });
  after(async () => {
    await lab.stop();
  });

  test('setUserSkills: 120 skills in one PUT of 50 and two PATCHes; all assigned', async () => {
    const [user] = await createUsers(lab, 1, 'chunky');
    const skills = [];
    for (let i = 0; i < 120; i++) skills.push(await lab.client.routing.createSkill({ name: `chunk-${i}` }));
    const before = (await auditRequests(lab)).length;
    const calls = await lab.client.routing.setUserSkills(
      user!,
      skills.map((s) => ({ id: s.id!, proficiency: 2 })),
    );
    assert.equal(calls, 3);
    const bulk = (await auditRequests(lab))
      .slice(before)
      .filter((r) => r.path.endsWith('/routingskills/bulk'));
    assert.deepEqual(
      bulk.map((r) => [r.method, r.status]),
      [
        ['PUT', 200],
        ['PATCH', 200],
        ['PATCH', 200],
      ],
    );
    const { users } = await lab.admin<{ users: { id: string; skills: unknown[] }[] }>('GET', 'org');
    assert.equal(users.find((u) => u.id === user)?.skills.length, 120);
  });

  test('version conflicts: user writes are made again; a conflict re-reads in updateUser', async () => {
    const [user] = await createUsers(lab, 1, 'conflicted');
    const skill = await lab.client.routing.createSkill({ name: 'conflict-skill' });
    await lab.admin('PUT', 'faults', { presets: [{ name: 'versionConflicts', rate: 1, times: 2 }] });
    await lab.client.routing.setUserSkills(user!, [{ id: skill.id!, proficiency: 3 }]);
    await lab.admin('PUT', 'faults', { presets: [{ name: 'versionConflicts', rate: 1, times: 1 }] });
    let reads = 0;
    const updated = await lab.client.scim.updateUser(user!, (current) => {
      reads++;
      return [{ op: 'replace', value: { displayName: `${current.displayName ?? ''} (edited)` } }];
    });
    assert.equal(reads, 2, 'the conflict made it read the user again');
    assert.match(String(updated?.displayName), /\(edited\)$/);
    await lab.admin('PUT', 'faults', { presets: [{ name: 'versionConflicts', rate: 1 }] });
    await assert.rejects(
      lab.client.routing.addUserSkills(user!, [{ id: skill.id!, proficiency: 1 }]),
      (e: unknown) => isVersionConflict(e) && e instanceof CloudApiError && e.status === 409,
      'bounded: a conflict that never clears comes back to the caller',
    );
    await lab.admin('DELETE', 'faults');
    const conflicts = (await auditRequests(lab)).filter((r) => r.fault === 'conflict');
    assert.equal(conflicts.length, 3 + 5);
  });
});

describe('cloud client with reads lagging writes', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({ rateLimitPerMinute: 'off', consistencyDelayMs: 500 });
  });
  after(async () => {
    await lab.stop();
  });

  test('a grant right after its role was created: the 404 is retried', async () => {
    const [user] = await createUsers(lab, 1, 'granted');
    const { roles } = await lab.admin<{ roles: { id: string }[] }>('POST', 'seed', {
      roles: [{ name: 'Brand New' }],
    });
    await lab.client.authorization.addGrants(user!, [{ roleId: roles[0]!.id, divisionId: '*' }]);
    const grants = (await auditRequests(lab)).filter((r) => r.path.endsWith('/bulkadd')).map((r) => r.status);
    assert.deepEqual(grants, [404, 204]);
  });

  test('createOnce after a lost answer: the re-create conflicts, the look-up waits until it shows', async () => {
    await lab.admin('PUT', 'faults', {
      rules: [{ path: '/api/v2/routing/skills', method: 'POST', dropAfterRate: 1, times: 1 }],
    });
    const skill = await lab.client.routing.createSkillOnce({ name: 'lost-answer' });
    assert.ok(skill.id);
    const { skills } = await lab.admin<{ skills: { name: string }[] }>('GET', 'org');
    assert.equal(skills.filter((s) => s.name === 'lost-answer').length, 1);
  });
});
