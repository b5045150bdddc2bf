// The seeded contact center holds what the issue promises, read back through the reader.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CfgDNType, readSnapshot, type EngageSnapshot } from '../../src/engage/configdb/index.ts';
import {
  buildContactCenter,
  BUSINESS_ATTRIBUTES,
  seedLabConfigDb,
  SWITCHES,
  vqCount,
} from '../../src/lab/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

describe('lab Config DB seeder', () => {
  let s: SeededDb;
  let snap: EngageSnapshot;
  before(async () => {
    s = await seededDatabase('cfg_seeder', {
      agents: 120,
      seed: 3,
      cloudUrl: 'http://127.0.0.1:4999',
      nameClashes: true,
    });
    snap = await readSnapshot(s.db.client);
  });
  after(() => s.close());

  it('has tenant 1 and a hybrid_integration transaction pointing at --cloud-url with the lab client', () => {
    assert.deepEqual(
      snap.tenants.map((t) => t.dbid),
      [1],
    );
    const t = snap.hybridIntegration;
    assert.ok(t);
    assert.equal(t.tenantDbid, 1);
    assert.equal(t.sections.general?.base_service_url, 'http://127.0.0.1:4999');
    assert.equal(t.sections.general?.base_auth_url, 'http://127.0.0.1:4999');
    for (const section of ['config_sync', 'agent_state_sync', 'conversation_provider']) {
      assert.deepEqual(t.sections[section], { client_id: 'exec-lab', client_secret: 'exec-lab-secret' });
    }
    assert.deepEqual(snap.findings, []);
  });

  it('has agents, supervisors, non-agents and disabled persons', () => {
    const agents = snap.persons.filter((p) => p.isAgent);
    const supervisors = agents.filter((p) => p.htccRoles.some((r) => r.toLowerCase() === 'supervisor'));
    const nonAgents = snap.persons.filter((p) => !p.isAgent);
    assert.equal(agents.length, 120 + 2); // + the two clashing persons
    assert.ok(supervisors.length >= 5, `supervisors: ${supervisors.length}`);
    assert.ok(
      supervisors.some((p) => p.htccRoles.includes('Supervisor')),
      'a capitalised role',
    );
    assert.ok(nonAgents.length >= 5);
    assert.ok(
      nonAgents.some((p) => p.htccRoles.includes('supervisor')),
      'a supervisor not marked as agent',
    );
    assert.ok(snap.persons.some((p) => p.state === 'disabled'));
  });

  it('has persons whose only valid e-mail is the Employee ID, or the E-Mail, and some with none', () => {
    const valid = (v: string | null) => v !== null && EMAIL.test(v);
    const onlyEmployeeId = snap.persons.filter(
      (p) => !valid(p.userName) && valid(p.employeeId) && !valid(p.email),
    );
    const onlyEmail = snap.persons.filter(
      (p) => !valid(p.userName) && !valid(p.employeeId) && valid(p.email),
    );
    const none = snap.persons.filter(
      (p) => p.isAgent && !valid(p.userName) && !valid(p.employeeId) && !valid(p.email),
    );
    assert.ok(onlyEmployeeId.length >= 2, `employee id only: ${onlyEmployeeId.length}`);
    assert.ok(onlyEmail.length >= 2, `email only: ${onlyEmail.length}`);
    assert.ok(none.length >= 1, `none: ${none.length}`);
  });

  it('gives skills levels across a wide range, outside 0-5 and below zero', () => {
    const levels = snap.persons.flatMap((p) => p.skillLevels.map((l) => l.level));
    assert.ok(Math.max(...levels) > 100, `max ${Math.max(...levels)}`);
    assert.ok(Math.min(...levels) < 0, `min ${Math.min(...levels)}`);
    assert.ok(snap.persons.every((p) => p.skillLevels.every((l) => l.skillName !== null)));
  });

  it('has VQs on two switches, one name on both, and extensions with places and logins', () => {
    const vqs = snap.dns.filter((d) => d.type === CfgDNType.VirtACDQueue);
    assert.ok(vqs.length >= vqCount(120));
    const switches = new Set(vqs.map((d) => d.switchName));
    assert.deepEqual([...switches].sort(), [SWITCHES.sip.name, SWITCHES.vq.name].sort());
    const leads = vqs.filter((d) => d.number === 'VQ_Sales_Leads');
    assert.deepEqual(leads.map((d) => d.switchName).sort(), ['SIP_Switch', 'VQ-Switch']);
    assert.ok(vqs.some((d) => d.lastModified !== null) && vqs.some((d) => d.lastModified === null));
    const ext = snap.dns.filter((d) => d.typeName === 'Extension');
    assert.equal(ext.length, 120);
    const agent = snap.persons.find((p) => p.dbid === 1001);
    assert.ok(agent?.placeDbid);
    assert.equal(agent.agentLogins[0]?.switchName, 'SIP_Switch');
    assert.ok(snap.places.find((p) => p.dbid === agent.placeDbid)?.dnDbids.length === 1);
  });

  it('links static AGs and VAGs to VQs by hybrid/WFM_queue_number, with the cases preflight reports', () => {
    const vqNames = new Set(snap.dns.filter((d) => d.type === 5).map((d) => d.number));
    const linked = snap.agentGroups.filter((g) => g.wfmQueueNumber !== null);
    assert.ok(linked.some((g) => g.isVirtual && /^Skill\("\w+"\)>=\d+$/.test(g.virtualScript ?? '')));
    assert.ok(linked.some((g) => !g.isVirtual && g.memberDbids.length > 0));
    assert.ok(linked.some((g) => g.wfmQueueNumber === 'VQ_Sales_Leads@VQ-Switch'));
    assert.ok(
      linked.some((g) => g.wfmQueueNumber === 'VQ_Sales_Leads'),
      'a bare, ambiguous link',
    );
    assert.ok(
      linked.some((g) => !vqNames.has(g.wfmQueueNumber!.split('@')[0]!)),
      'a link to no VQ',
    );
    const targets = new Set(linked.map((g) => g.wfmQueueNumber!.split('@')[0]));
    assert.ok(
      [...vqNames].some((n) => !targets.has(n)),
      'a VQ with no linked group',
    );
  });

  it('has business attributes with overlapping disposition values, and ones not to select', () => {
    assert.equal(snap.businessAttributes.length, BUSINESS_ATTRIBUTES.length);
    const selected = snap.businessAttributes.filter(
      (b) => b.type === 1 && (b.name === 'DispositionCode' || b.htccContains === 'dispositions'),
    );
    assert.equal(selected.length, 3);
    const resolved = selected.filter((b) => b.values.some((v) => v.name === 'Resolved'));
    assert.equal(resolved.length, 3);
    assert.ok(snap.businessAttributes.some((b) => b.htccContains === 'Dispositions'));
  });

  it('puts objects in folders at several depths, and adds case-insensitive clashes when asked', () => {
    const paths = new Set(snap.persons.map((p) => p.folderPath.join('/')));
    for (const p of [
      'EX_EVOLUTION/Sales Team',
      'EX_EVOLUTION/Support Team',
      'Regions/EMEA/EX_PILOT',
      'Back Office',
      '',
    ]) {
      assert.ok(paths.has(p), `persons in "${p}"`);
    }
    const clash = (names: string[]) => names.length !== new Set(names.map((n) => n.toLowerCase())).size;
    assert.ok(clash(snap.persons.map((p) => p.userName)));
    assert.ok(clash(snap.skills.map((p) => p.name)));
    assert.ok(clash(snap.dns.filter((d) => d.switchName === 'VQ-Switch').map((d) => d.number)));
    assert.ok(clash(snap.businessAttributes.flatMap((b) => b.values.map((v) => v.name))));
  });

  it('is deterministic: the same seed gives the same rows, another seed others', () => {
    const a = buildContactCenter({ agents: 50, seed: 11 });
    assert.deepEqual(buildContactCenter({ agents: 50, seed: 11 }), a);
    assert.notDeepEqual(buildContactCenter({ agents: 50, seed: 12 }), a);
  });

  it('refuses to seed a database that holds data, unless reset', async () => {
    await assert.rejects(seedLabConfigDb(s.db.client, { agents: 5 }), /already holds data/);
    const r = await seedLabConfigDb(s.db.client, { agents: 5, reset: true });
    assert.equal(r.counts.cfg_dn, 5 + vqCount(5) + 4);
  });
});
