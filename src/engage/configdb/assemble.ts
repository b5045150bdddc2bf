// Pure: rows read by the query files → the Engage model, with findings for bad data. No I/O here,
// so the rules (dangling links, annex values of the wrong shape) are unit-testable without a DB.
import { CfgFlag, CfgObjectType, dnTypeName } from './enums.ts';
import { annexValue } from './annex.ts';
import { placementOf } from './folders.ts';
import { lastModifiedKey, type LastModifiedIndex } from './history.ts';
import type { AgentGroupRow, GroupLinkRow } from './agentGroups.ts';
import type { BusinessAttributeRow, BusinessAttributeValueRow } from './businessAttributes.ts';
import type { DnRow } from './dns.ts';
import type { PlaceDnRow, PlaceRow } from './places.ts';
import type { AgentLoginRow, PersonRow, SkillLevelRow } from './persons.ts';
import type { SkillRow } from './skills.ts';
import type {
  Annex,
  ConfigDbFinding,
  EngageAgentGroup,
  EngageBusinessAttribute,
  EngageDn,
  EngageFolder,
  EngagePerson,
  EngagePlace,
  EngageSkill,
  EngageSnapshot,
  EngageState,
} from './model.ts';

export interface AssembleContext {
  folders: ReadonlyMap<number, EngageFolder>;
  membership: (objectType: number) => ReadonlyMap<number, number>;
  annexes: (objectType: number) => ReadonlyMap<number, Annex>;
  lastModified: LastModifiedIndex;
  findings: ConfigDbFinding[];
}

export function stateOf(code: number): EngageState {
  return code === 2 ? 'disabled' : 'enabled';
}

function blankToNull(v: string | null): string | null {
  return v === null || v.trim() === '' ? null : v;
}

function common(ctx: AssembleContext, objectType: number, dbid: number) {
  return {
    ...placementOf(dbid, ctx.membership(objectType), ctx.folders),
    lastModified: ctx.lastModified.get(lastModifiedKey(objectType, dbid)) ?? null,
  };
}

function groupBy<R, K>(rows: readonly R[], key: (r: R) => K): Map<K, R[]> {
  const out = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function splitRoles(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function assemblePersons(
  ctx: AssembleContext,
  persons: readonly PersonRow[],
  levels: readonly SkillLevelRow[],
  logins: readonly AgentLoginRow[],
): EngagePerson[] {
  const levelsOf = groupBy(levels, (l) => l.person_dbid);
  const loginsOf = groupBy(logins, (l) => l.person_dbid);
  const annexes = ctx.annexes(CfgObjectType.Person);
  return persons.map((p) => {
    const annex = annexes.get(p.dbid) ?? {};
    const skillLevels = (levelsOf.get(p.dbid) ?? []).map((l) => {
      if (l.skill_name === null) {
        ctx.findings.push({
          code: 'dangling-reference',
          objectType: 'Person',
          dbid: p.dbid,
          name: p.user_name,
          message: `person "${p.user_name}" has a level for skill DBID ${l.skill_dbid}, which does not exist`,
        });
      }
      return { skillDbid: l.skill_dbid, skillName: l.skill_name, level: l.skill_level };
    });
    const agentLogins = (loginsOf.get(p.dbid) ?? []).flatMap((l) => {
      if (l.login_code === null || l.switch_dbid === null) {
        ctx.findings.push({
          code: 'dangling-reference',
          objectType: 'Person',
          dbid: p.dbid,
          name: p.user_name,
          message: `person "${p.user_name}" links agent login DBID ${l.agent_login_dbid}, which does not exist; ignored`,
        });
        return [];
      }
      return [
        {
          dbid: l.agent_login_dbid,
          loginCode: l.login_code,
          switchDbid: l.switch_dbid,
          switchName: l.switch_name,
          state: stateOf(l.state ?? 1),
          wrapupTime: l.wrapup_time,
        },
      ];
    });
    return {
      dbid: p.dbid,
      tenantDbid: p.tenant_dbid,
      userName: p.user_name,
      employeeId: blankToNull(p.employee_id),
      email: blankToNull(p.email_address),
      firstName: blankToNull(p.first_name),
      lastName: blankToNull(p.last_name),
      externalId: blankToNull(p.external_id),
      isAgent: p.is_agent === CfgFlag.True,
      isAdmin: p.is_admin === CfgFlag.True,
      state: stateOf(p.state),
      placeDbid: p.place_dbid && p.place_dbid > 0 ? p.place_dbid : null,
      skillLevels,
      agentLogins,
      htccRoles: splitRoles(annexValue(annex, 'htcc', 'roles')),
      annex,
      ...common(ctx, CfgObjectType.Person, p.dbid),
    };
  });
}

export function assembleSkills(ctx: AssembleContext, skills: readonly SkillRow[]): EngageSkill[] {
  return skills.map((s) => ({
    dbid: s.dbid,
    tenantDbid: s.tenant_dbid,
    name: s.name,
    state: stateOf(s.state),
    ...common(ctx, CfgObjectType.Skill, s.dbid),
  }));
}

export function assembleDns(ctx: AssembleContext, dns: readonly DnRow[]): EngageDn[] {
  const annexes = ctx.annexes(CfgObjectType.DN);
  return dns.map((d) => {
    const typeName = dnTypeName(d.type) ?? null;
    if (typeName === null) {
      ctx.findings.push({
        code: 'unknown-enum-value',
        objectType: 'DN',
        dbid: d.dbid,
        name: d.dn_number,
        message: `DN "${d.dn_number}" has type ${d.type}, not a known CfgDNType`,
      });
    }
    if (d.switch_name === null) {
      ctx.findings.push({
        code: 'dangling-reference',
        objectType: 'DN',
        dbid: d.dbid,
        name: d.dn_number,
        message: `DN "${d.dn_number}" is on switch DBID ${d.switch_dbid}, which does not exist`,
      });
    }
    return {
      dbid: d.dbid,
      tenantDbid: d.tenant_dbid,
      number: d.dn_number,
      alias: blankToNull(d.alias),
      type: d.type,
      typeName,
      switchDbid: d.switch_dbid,
      switchName: d.switch_name,
      state: stateOf(d.state),
      placeDbid: d.place_dbid,
      annex: annexes.get(d.dbid) ?? {},
      ...common(ctx, CfgObjectType.DN, d.dbid),
    };
  });
}

export function assemblePlaces(
  ctx: AssembleContext,
  places: readonly PlaceRow[],
  placeDns: readonly PlaceDnRow[],
): EngagePlace[] {
  const dnsOf = new Map<number, number[]>();
  for (const r of placeDns) dnsOf.set(r.place_dbid, [...(dnsOf.get(r.place_dbid) ?? []), r.dn_dbid]);
  return places.map((p) => ({
    dbid: p.dbid,
    tenantDbid: p.tenant_dbid,
    name: p.name,
    state: stateOf(p.state),
    dnDbids: dnsOf.get(p.dbid) ?? [],
    ...common(ctx, CfgObjectType.Place, p.dbid),
  }));
}

/** `<DN>` or `<DN>@<SWITCH>`: anything else (empty parts, several @) is a wrong-type value. */
export function isWellFormedQueueNumber(v: string): boolean {
  const parts = v.split('@');
  return parts.length <= 2 && parts.every((p) => p.trim() !== '');
}

export function assembleAgentGroups(
  ctx: AssembleContext,
  groups: readonly AgentGroupRow[],
  members: readonly GroupLinkRow[],
  managers: readonly GroupLinkRow[],
): EngageAgentGroup[] {
  const annexes = ctx.annexes(CfgObjectType.AgentGroup);
  const live = (rows: readonly GroupLinkRow[], what: string) =>
    groupBy(
      rows.filter((m) => {
        if (m.person_exists) return true;
        const g = groups.find((x) => x.dbid === m.group_dbid);
        ctx.findings.push({
          code: 'dangling-reference',
          objectType: 'AgentGroup',
          dbid: m.group_dbid,
          name: g?.name ?? null,
          message: `agent group "${g?.name ?? m.group_dbid}" lists ${what} person DBID ${m.person_dbid}, which does not exist; ignored`,
        });
        return false;
      }),
      (m) => m.group_dbid,
    );
  const membersOf = live(members, 'member');
  const managersOf = live(managers, 'supervisor');
  return groups.map((g) => {
    const annex = annexes.get(g.dbid) ?? {};
    let wfmQueueNumber = annexValue(annex, 'hybrid', 'WFM_queue_number');
    if (wfmQueueNumber !== null && !isWellFormedQueueNumber(wfmQueueNumber)) {
      ctx.findings.push({
        code: 'annex-wrong-type',
        objectType: 'AgentGroup',
        dbid: g.dbid,
        name: g.name,
        message: `agent group "${g.name}" hybrid/WFM_queue_number = "${wfmQueueNumber}" is not <DN> or <DN>@<SWITCH>; ignored`,
      });
      wfmQueueNumber = null;
    }
    const virtualScript = annexValue(annex, 'virtual', 'script');
    return {
      dbid: g.dbid,
      tenantDbid: g.tenant_dbid,
      name: g.name,
      state: stateOf(g.state),
      memberDbids: (membersOf.get(g.dbid) ?? []).map((m) => m.person_dbid),
      managerDbids: (managersOf.get(g.dbid) ?? []).map((m) => m.person_dbid),
      wfmQueueNumber: wfmQueueNumber?.trim() ?? null,
      virtualScript,
      isVirtual: virtualScript !== null,
      annex,
      ...common(ctx, CfgObjectType.AgentGroup, g.dbid),
    };
  });
}

export function assembleBusinessAttributes(
  ctx: AssembleContext,
  attributes: readonly BusinessAttributeRow[],
  values: readonly BusinessAttributeValueRow[],
): EngageBusinessAttribute[] {
  const attrAnnex = ctx.annexes(CfgObjectType.Enumerator);
  const valueAnnex = ctx.annexes(CfgObjectType.EnumeratorValue);
  const known = new Set(attributes.map((a) => a.dbid));
  for (const v of values) {
    if (!known.has(v.enumerator_dbid)) {
      ctx.findings.push({
        code: 'dangling-reference',
        objectType: 'EnumeratorValue',
        dbid: v.dbid,
        name: v.name,
        message: `business attribute value "${v.name}" belongs to attribute DBID ${v.enumerator_dbid}, which does not exist; ignored`,
      });
    }
  }
  const valuesOf = groupBy(values, (v) => v.enumerator_dbid);
  const stamp = (t: number, dbid: number) => ctx.lastModified.get(lastModifiedKey(t, dbid)) ?? null;
  return attributes.map((a) => {
    const annex = attrAnnex.get(a.dbid) ?? {};
    return {
      dbid: a.dbid,
      tenantDbid: a.tenant_dbid,
      name: a.name,
      displayName: blankToNull(a.display_name),
      type: a.type,
      state: stateOf(a.state),
      htccContains: annex.htcc?.contains ?? null,
      annex,
      lastModified: stamp(CfgObjectType.Enumerator, a.dbid),
      values: (valuesOf.get(a.dbid) ?? []).map((v) => ({
        dbid: v.dbid,
        enumeratorDbid: v.enumerator_dbid,
        name: v.name,
        displayName: blankToNull(v.display_name),
        description: blankToNull(v.description),
        isDefault: v.is_default === CfgFlag.True,
        state: stateOf(v.state),
        annex: valueAnnex.get(v.dbid) ?? {},
        lastModified: stamp(CfgObjectType.EnumeratorValue, v.dbid),
      })),
    };
  });
}

/** Findings raised before their object was assembled (annex rows) get the object's name here. */
export function nameFindings(s: EngageSnapshot): void {
  const names = new Map<string, string>();
  const add = (type: string, dbid: number, name: string) => names.set(`${type}:${dbid}`, name);
  for (const p of s.persons) add('Person', p.dbid, p.userName);
  for (const d of s.dns) add('DN', d.dbid, d.number);
  for (const g of s.agentGroups) add('AgentGroup', g.dbid, g.name);
  for (const b of s.businessAttributes) {
    add('Enumerator', b.dbid, b.name);
    for (const v of b.values) add('EnumeratorValue', v.dbid, v.name);
  }
  if (s.hybridIntegration) add('Transaction', s.hybridIntegration.dbid, s.hybridIntegration.name);
  for (const f of s.findings) {
    if (f.name === null) f.name = names.get(`${f.objectType}:${f.dbid}`) ?? null;
  }
}
