// The seeded contact center: a pure function of the options (same seed, same rows). It holds every
// case the seeds' rules and the preflight care about, at any --agents count (see README.md).
import {
  CfgDNType,
  CfgObjectType,
  CfgSwitchType,
  CfgTransactionType,
} from '../../../engage/configdb/enums.ts';
import {
  DEFAULT_SEED_OPTIONS,
  FIRST_AGENT_DBID,
  LAB_WEBDAV,
  IN_SCOPE_SKILLS,
  SKILLS,
  SWITCHES,
  type SeedOptions,
  type SeededAgent,
} from './constants.ts';
import { DatasetBuilder, TENANT_DBID, type Dataset } from './dataset.ts';
import { layoutFolders, type FolderLayout } from './folderLayout.ts';
import { seedBusinessAttributes } from './businessAttributes.ts';
import { seedQueuesAndGroups } from './queues.ts';
import { seedSecondTenant } from './secondTenant.ts';
import { createRng, type Rng } from './random.ts';

const FIRST = [
  'Alex',
  'Maria',
  'John',
  'Priya',
  'Chen',
  'Fatima',
  'Lars',
  'Ana',
  'Tom',
  'Keiko',
  'Omar',
  'Lucia',
  'Ivan',
  'Grace',
  'Diego',
  'Nora',
];
const LAST = [
  'Smith',
  'Garcia',
  'Novak',
  'Patel',
  'Wang',
  'Haddad',
  'Berg',
  'Costa',
  'Brown',
  'Sato',
  'Khan',
  'Rossi',
  'Petrov',
  'Kim',
  'Lopez',
  'Dubois',
];

/** Skills: name, level range (wide and uneven on purpose), and where they sit. */

/** What kind of e-mail a person has, by index (deterministic so that small N holds every kind). */
export type EmailKind = 'userName' | 'employeeId' | 'email' | 'none';
export function emailKindOf(i: number): EmailKind {
  const k = i % 30;
  return k === 1 || k === 11 ? 'employeeId' : k === 2 || k === 12 ? 'email' : k === 4 ? 'none' : 'userName';
}

export function buildContactCenter(options: Partial<SeedOptions> = {}): Dataset {
  const o: SeedOptions = { ...DEFAULT_SEED_OPTIONS, ...options };
  const rng = createRng(o.seed);
  const b = new DatasetBuilder();
  b.add('cfg_tenant', {
    dbid: TENANT_DBID,
    name: 'Environment',
    is_serv_provider: 1,
    is_super_tenant: 2,
    state: 1,
    csid: TENANT_DBID,
  });
  for (const s of Object.values(SWITCHES)) {
    b.add('cfg_switch', {
      dbid: s.dbid,
      tenant_dbid: TENANT_DBID,
      type: CfgSwitchType.SIPSwitch,
      name: s.name,
      state: 1,
      csid: s.dbid,
      tenant_csid: TENANT_DBID,
    });
  }
  for (const [i, n] of [
    'NoDN',
    'Extension',
    'ACDPosition',
    'ACDQueue',
    'RoutingPoint',
    'Virtual Queue',
  ].entries()) {
    b.add('cfg_locale', { lcid: 1033, lc_class: 0, lc_type: 5, lc_subtype: i, lc_value: n });
  }
  const folders = layoutFolders(b);
  const skillDbids = seedSkills(b, folders, o);
  const agents = seedPersons(b, rng, folders, skillDbids, o);
  seedQueuesAndGroups(b, rng, folders, agents, o);
  seedBusinessAttributes(b, o.nameClashes);
  seedTransaction(b, o);
  if (o.badData) seedBadData(b);
  if (o.secondTenant) seedSecondTenant(b, o);
  return b.rows;
}

function seedSkills(b: DatasetBuilder, f: FolderLayout, o: SeedOptions): Map<string, number> {
  const dbids = new Map<string, number>();
  const all = [
    ...SKILLS,
    ...(o.nameClashes ? [{ name: 'sales', min: 1, max: 10, scope: 'in' as const }] : []),
  ];
  all.forEach((s, i) => {
    const dbid = 201 + i;
    dbids.set(s.name, dbid);
    b.add('cfg_skill', {
      dbid,
      name: s.name,
      tenant_dbid: TENANT_DBID,
      state: 1,
      csid: dbid,
      tenant_csid: TENANT_DBID,
    });
    b.inFolder(
      s.scope === 'in' ? f.skills.exEvolution : s.scope === 'out' ? f.skills.backOffice : null,
      CfgObjectType.Skill,
      dbid,
    );
  });
  return dbids;
}

function personFolder(
  i: number,
  f: FolderLayout,
): { person: number | null; extension: number | null; inScope: boolean } {
  const k = i % 10;
  if (k <= 5)
    return {
      person: k % 2 ? f.persons.supportTeam : f.persons.salesTeam,
      extension: f.dns.sipExtensionsInScope,
      inScope: true,
    };
  if (k === 6) return { person: f.persons.exPilot, extension: f.dns.sipExtensionsPilot, inScope: false };
  if (k <= 8) return { person: f.persons.backOffice, extension: f.dns.sipExtensions, inScope: false };
  return { person: null, extension: null, inScope: false };
}

function seedPersons(
  b: DatasetBuilder,
  rng: Rng,
  f: FolderLayout,
  skillDbids: Map<string, number>,
  o: SeedOptions,
): SeededAgent[] {
  b.person({
    dbid: 100,
    userName: 'default',
    employeeId: null,
    email: null,
    firstName: null,
    lastName: null,
    isAgent: false,
    isAdmin: true,
    enabled: true,
    placeDbid: null,
    folderDbid: null,
  });
  const agents: SeededAgent[] = [];
  for (let i = 0; i < o.agents; i++) {
    const dbid = FIRST_AGENT_DBID + i;
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const mail = `${first}.${last}.${dbid}@contoso.example`.toLowerCase();
    const kind = emailKindOf(i);
    const ext = `7${String(i + 1).padStart(4, '0')}`;
    const folder = personFolder(i, f);
    const supervisor = i % 20 === 0;
    b.person({
      dbid,
      userName: kind === 'userName' ? mail : `${first[0]}${last}${dbid}`.toLowerCase(),
      employeeId: kind === 'employeeId' ? mail : `E${dbid}`,
      email:
        kind === 'email' || kind === 'userName'
          ? mail
          : kind === 'none' && i % 60 === 4
            ? `${first}.${last}@`
            : null,
      firstName: i % 50 === 3 ? null : first,
      lastName: i % 50 === 3 ? null : last,
      isAgent: true,
      enabled: i % 33 !== 7,
      placeDbid: dbid,
      folderDbid: folder.person,
      roles: supervisor
        ? i % 40 === 0
          ? 'agent,supervisor'
          : 'Agent, Supervisor'
        : i % 3 === 0
          ? 'agent'
          : null,
    });
    b.add('cfg_place', {
      dbid,
      tenant_dbid: TENANT_DBID,
      name: `Place_${ext}`,
      state: 1,
      csid: dbid,
      tenant_csid: TENANT_DBID,
    });
    b.dn({
      dbid,
      switchDbid: SWITCHES.sip.dbid,
      number: ext,
      type: CfgDNType.Extension,
      folderDbid: folder.extension,
    });
    b.add('cfg_place_dn', { place_dbid: dbid, dn_dbid: dbid });
    b.add('cfg_agent_login', {
      dbid,
      tenant_dbid: TENANT_DBID,
      switch_dbid: SWITCHES.sip.dbid,
      login_code: ext,
      use_override: 1,
      switch_specific_type: 1,
      state: 1,
      csid: dbid,
      tenant_csid: TENANT_DBID,
      switch_csid: SWITCHES.sip.dbid,
    });
    b.add('cfg_login_info', {
      person_dbid: dbid,
      agent_login_dbid: dbid,
      wrapup_time: rng.pick([0, 0, 5, 10, 30]),
    });
    const skills = new Map<string, number>();
    const pool = folder.inScope ? IN_SCOPE_SKILLS : SKILLS;
    for (const s of rng.sample(pool, rng.int(1, 4))) {
      const level = rng.int(s.min, s.max);
      skills.set(s.name, level);
      b.add('cfg_skill_level', { person_dbid: dbid, skill_dbid: skillDbids.get(s.name) ?? 0, level_: level });
    }
    agents.push({ dbid, inScope: folder.inScope, skills });
  }
  // Non-agents: administrators and analysts; the first is a "supervisor" not marked as an agent.
  const nonAgents = Math.max(3, Math.ceil(o.agents / 25));
  for (let j = 0; j < nonAgents; j++) {
    const dbid = FIRST_AGENT_DBID + o.agents + j;
    const first = FIRST[(j + 5) % FIRST.length] as string;
    const last = LAST[(j + 3) % LAST.length] as string;
    b.person({
      dbid,
      userName: `${first}.${last}.${dbid}@contoso.example`.toLowerCase(),
      employeeId: `N${dbid}`,
      email: null,
      firstName: first,
      lastName: last,
      isAgent: false,
      isAdmin: j % 2 === 1,
      enabled: true,
      placeDbid: null,
      folderDbid: j % 3 === 2 ? f.persons.backOffice : f.persons.exEvolution,
      roles: j === 0 ? 'supervisor' : null,
    });
  }
  if (o.nameClashes) {
    const base = FIRST_AGENT_DBID + o.agents + nonAgents;
    for (const [k, userName] of ['alex.morgan@contoso.example', 'Alex.Morgan@contoso.example'].entries()) {
      b.person({
        dbid: base + k,
        userName,
        employeeId: `C${base + k}`,
        email: null,
        firstName: 'Alex',
        lastName: 'Morgan',
        isAgent: true,
        enabled: true,
        placeDbid: null,
        folderDbid: f.persons.salesTeam,
      });
    }
  }
  return agents;
}

function seedTransaction(b: DatasetBuilder, o: SeedOptions): void {
  const dbid = 1;
  b.add('cfg_transaction', {
    dbid,
    tenant_dbid: TENANT_DBID,
    name: 'hybrid_integration',
    type: CfgTransactionType.List,
    alias: 'hybrid_integration',
    state: 1,
    csid: dbid,
    tenant_csid: TENANT_DBID,
  });
  const orgId = `5eed${(o.seed >>> 0).toString(16).padStart(4, '0').slice(-4)}-0000-4000-8000-00000000e0c5`;
  const t = CfgObjectType.Transaction;
  b.annex(t, dbid, 'general', 'organization_sname', 'exec-lab');
  b.annex(t, dbid, 'general', 'organization_id', orgId);
  b.annex(t, dbid, 'general', 'base_service_url', o.cloudUrl);
  b.annex(t, dbid, 'general', 'base_auth_url', o.cloudUrl);
  for (const section of ['config_sync', 'agent_state_sync', 'conversation_provider']) {
    b.annex(t, dbid, section, 'client_id', o.clientId);
    b.annex(t, dbid, section, 'client_secret', o.clientSecret);
  }
  // The recording provider's sections (seed 003): the lab WebDAV server and the lab OAuth client.
  const storage = 'recording-uploader.exec.transientStorage';
  b.annex(t, dbid, storage, 'type', 'WebDAV');
  b.annex(t, dbid, storage, 'url', LAB_WEBDAV.url);
  b.annex(t, dbid, storage, 'username', LAB_WEBDAV.user);
  b.annex(t, dbid, storage, 'password', LAB_WEBDAV.password);
  b.annex(t, dbid, 'recording-uploader.exec.genesysCloud', 'client_id', o.clientId);
  b.annex(t, dbid, 'recording-uploader.exec.genesysCloud', 'password', o.clientSecret);
}

/** Each kind of bad data the reader must survive (tests assert the findings by these names). */
function seedBadData(b: DatasetBuilder): void {
  b.agentGroup(390, 'AG_Broken_Links', null);
  b.add('cfg_agent_group', { group_dbid: 390, agent_dbid: 999_999 });
  b.add('cfg_skill_level', { person_dbid: FIRST_AGENT_DBID, skill_dbid: 99_999, level_: 3 });
  b.annex(CfgObjectType.AgentGroup, 390, 'hybrid', 'WFM_queue_number', 'VQ_Billing@@VQ-Switch');
  // hybrid/WFM_queue_number stored as a section (with an option under it) instead of a value.
  b.agentGroup(391, 'AG_Wrong_Annex', null);
  const hybrid = b.flexRow(CfgObjectType.AgentGroup, 391, null, 0, 'hybrid', null);
  const wrong = b.flexRow(CfgObjectType.AgentGroup, 391, Number(hybrid.dbid), 0, 'WFM_queue_number', null);
  b.flexRow(CfgObjectType.AgentGroup, 391, Number(wrong.dbid), 1, 'value', 'VQ_Billing');
  b.annex(CfgObjectType.Transaction, 1, 'config_sync', 'skill_level_min_value', 'low');
}
