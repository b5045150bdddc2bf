// What the EX Org must hold after a sync, written straight from seed 003's rules over raw SQL on the lab
// Config DB. Deliberately independent of src/engage/configdb (the reader) and src/services/config-sync
// (the rules): a mistake in either shows up as a difference here.
import type pg from 'pg';

export interface ExpectedUser {
  externalId: string;
  userName: string;
  displayName: string;
  active: boolean;
  roles: string[];
  skills: Record<string, number>;
}
export interface ExpectedQueue {
  name: string;
  description: string;
  peerId: string;
  /** userNames of the members. */
  members: string[];
}
export interface Expected {
  users: ExpectedUser[];
  skills: string[];
  queues: ExpectedQueue[];
  wrapupCodes: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const ROLES_IN_EMULATOR = new Set(['Master Admin', 'Admin', 'Employee', 'User', 'Supervisor']);
const two = (n: number): string => String(n).padStart(2, '0');

export async function buildExpectation(
  db: pg.Pool,
  tenant: string,
  suffixTail = 'Engage-external',
): Promise<Expected> {
  const q = async <R>(sql: string): Promise<R[]> => (await db.query(sql)).rows as R[];
  const annex = await q<{
    object_type: number;
    object_dbid: number;
    section: string;
    key: string;
    value: string;
  }>(
    `SELECT s.object_type, s.object_dbid, s.prop_name AS section, k.prop_name AS key, k.prop_value AS value
       FROM cfg_flex_prop s JOIN cfg_flex_prop k ON k.parent_dbid = s.dbid
      WHERE s.parent_dbid IS NULL AND k.prop_value IS NOT NULL`,
  );
  const annexOf = (type: number, dbid: number, section: string, key: string): string | undefined =>
    annex.find(
      (a) => a.object_type === type && a.object_dbid === dbid && a.section === section && a.key === key,
    )?.value;
  const txOption = (key: string): string | undefined =>
    annex.find((a) => a.object_type === 16 && ['config_sync', 'general'].includes(a.section) && a.key === key)
      ?.value;

  const persons = await q<{
    dbid: number;
    user_name: string;
    employee_id: string | null;
    email_address: string | null;
    first_name: string | null;
    last_name: string | null;
    is_agent: number;
    state: number;
  }>(`SELECT dbid, user_name, employee_id, email_address, first_name, last_name, is_agent, state
        FROM cfg_person WHERE state IN (1, 2) ORDER BY dbid`);
  const skills = await q<{ dbid: number; name: string }>(
    `SELECT dbid, name FROM cfg_skill WHERE state IN (1, 2)`,
  );
  const levels = await q<{ person_dbid: number; skill_dbid: number; level_: number }>(
    `SELECT l.person_dbid, l.skill_dbid, l.level_ FROM cfg_skill_level l
       JOIN cfg_person p ON p.dbid = l.person_dbid AND p.state IN (1, 2)
       JOIN cfg_skill s ON s.dbid = l.skill_dbid AND s.state IN (1, 2)`,
  );
  const skillName = new Map(skills.map((s) => [s.dbid, s.name]));

  // Proficiency: 5 × level / (MAX − MIN), MIN/MAX clamped to the transaction bounds, 1 decimal, 0–5.
  const num = (v: string | undefined): number | undefined =>
    v !== undefined && Number.isFinite(Number(v)) ? Number(v) : undefined;
  const lo = num(txOption('skill_level_min_value'));
  const hi = num(txOption('skill_level_max_value'));
  const clamp = (v: number): number =>
    lo !== undefined && v < lo ? lo : hi !== undefined && v > hi ? hi : v;
  const range = new Map<number, [number, number]>();
  for (const l of levels) {
    const r = range.get(l.skill_dbid);
    range.set(l.skill_dbid, r ? [Math.min(r[0], l.level_), Math.max(r[1], l.level_)] : [l.level_, l.level_]);
  }
  const prof = (skill: number, level: number): number => {
    const [mn, mx] = (range.get(skill) as [number, number]).map(clamp) as [number, number];
    const v = mx === mn ? (level > 0 ? 5 : 0) : Math.round(((5 * level) / (mx - mn)) * 10) / 10;
    return Math.max(0, Math.min(5, v));
  };

  const roleList = (key: string, dflt: string[]): string[] => {
    const v = txOption(key);
    return v === undefined
      ? dflt
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  };
  const users: ExpectedUser[] = [];
  const userNameOf = new Map<number, string>();
  for (const p of persons) {
    const userName = [p.user_name, p.employee_id ?? '', p.email_address ?? '']
      .map((s) => s.trim())
      .find((s) => EMAIL.test(s));
    if (!userName) continue;
    userNameOf.set(p.dbid, userName);
    const htcc = (annexOf(3, p.dbid, 'htcc', 'roles') ?? '').split(',').map((s) => s.trim().toLowerCase());
    const roles =
      p.is_agent !== 2
        ? roleList('nonagent_role_names', ['Employee'])
        : htcc.includes('supervisor')
          ? roleList('supervisor_role_names', ['Employee', 'User', 'Supervisor'])
          : roleList('agent_role_names', ['Employee', 'User']);
    const name = [p.first_name ?? '', p.last_name ?? '']
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' ');
    users.push({
      externalId: `${p.dbid}_${p.user_name}`,
      userName,
      displayName: name || p.user_name,
      active: p.state === 1,
      roles: roles.filter((r) => ROLES_IN_EMULATOR.has(r)).sort(),
      skills: Object.fromEntries(
        levels
          .filter((l) => l.person_dbid === p.dbid)
          .map((l) => [skillName.get(l.skill_dbid) as string, prof(l.skill_dbid, l.level_)]),
      ),
    });
  }

  // Queues from Virtual Queue DNs (type 5).
  const vqs = await q<{ dbid: number; number_: string; switch: string; changed: Date | null }>(
    `SELECT d.dbid, d.number_, s.name AS switch,
            (SELECT max(h.change_time) FROM cfg_hdb_audit_entry h WHERE h.object_type = 2 AND h.object_dbid = d.dbid) AS changed
       FROM cfg_dn d JOIN cfg_switch s ON s.dbid = d.switch_dbid WHERE d.type = 5 AND d.state IN (1, 2)`,
  );
  const groups = await q<{ dbid: number }>(
    `SELECT dbid FROM cfg_group WHERE group_type = 1 AND state IN (1, 2)`,
  );
  const statics = await q<{ group_dbid: number; agent_dbid: number }>(
    `SELECT group_dbid, agent_dbid FROM cfg_agent_group`,
  );
  const activeUser = new Set(
    persons.filter((p) => p.state === 1 && userNameOf.has(p.dbid)).map((p) => p.dbid),
  );
  const members = new Map<number, Set<number>>();
  for (const g of groups) {
    const link = annexOf(5, g.dbid, 'hybrid', 'WFM_queue_number');
    if (!link) continue;
    const script = annexOf(5, g.dbid, 'virtual', 'script');
    let who: number[];
    if (script) {
      // The lab's VAGs are all of the form Skill("X")>=N.
      const m = /^Skill\("([^"]+)"\)>=(-?\d+)$/.exec(script.trim());
      if (!m) throw new Error(`expectation: unexpected VAG script ${script}`);
      const sk = skills.find((s) => s.name === m[1])?.dbid;
      who = levels.filter((l) => l.skill_dbid === sk && l.level_ >= Number(m[2])).map((l) => l.person_dbid);
    } else who = statics.filter((s) => s.group_dbid === g.dbid).map((s) => s.agent_dbid);
    for (const ref of link.split(',').map((s) => s.trim())) {
      const at = ref.lastIndexOf('@');
      const [dn, sw] = at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
      for (const v of vqs.filter((x) => x.number_ === dn && (sw === undefined || x.switch === sw))) {
        const set = members.get(v.dbid) ?? new Set();
        for (const p of who) if (activeUser.has(p)) set.add(p);
        members.set(v.dbid, set);
      }
    }
  }
  const queues = vqs.map((v) => {
    const c = v.changed
      ? new Date(
          `${String(v.changed instanceof Date ? v.changed.toISOString().slice(0, 19) : v.changed).replace(' ', 'T')}Z`,
        )
      : undefined;
    const lm = c
      ? ` Last modified: ${two(c.getUTCHours())}:${two(c.getUTCMinutes())}:${two(c.getUTCSeconds())} ${two(c.getUTCMonth() + 1)}/${two(c.getUTCDate())}/${c.getUTCFullYear()};`
      : '';
    return {
      name: `${v.number_}__${v.switch}__${suffixTail}`,
      description: `Engage Reference: ${tenant}-${v.switch}-${v.number_};${lm}`,
      peerId: String(v.dbid),
      members: [...(members.get(v.dbid) ?? [])].map((d) => userNameOf.get(d) as string).sort(),
    };
  });

  const codes = await q<{ name: string }>(
    `SELECT DISTINCT v.name FROM cfg_enumerator_value v JOIN cfg_enumerator e ON e.dbid = v.enumerator_dbid
      WHERE e.type = 1 AND e.state IN (1, 2) AND v.state IN (1, 2) AND (e.name = 'DispositionCode' OR EXISTS (
        SELECT 1 FROM cfg_flex_prop s JOIN cfg_flex_prop k ON k.parent_dbid = s.dbid
         WHERE s.object_type = 35 AND s.object_dbid = e.dbid AND s.prop_name = 'htcc'
           AND k.prop_name = 'contains' AND k.prop_value = 'dispositions'))`,
  );
  return {
    users,
    skills: skills.map((s) => s.name).sort(),
    queues,
    wrapupCodes: codes.map((c) => c.name).sort(),
  };
}
