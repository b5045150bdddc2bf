// Source, skills and wrap-up codes: created once, linked to an org object of the same name when one exists
// (after a crash between the create and the store write, or a pre-existing object), never deleted.
import type { Desired } from '../desired.ts';
import { lower, type PlanContext } from './context.ts';
import type { PlanOp, Tombstone } from './types.ts';

export function planSource(d: Desired, c: PlanContext, ops: PlanOp[], tombs: Tombstone[]): void {
  const m = c.mapping.source;
  if (m) {
    if (!c.org.sources.some((s) => s.id === m.cloudId)) {
      tombs.push({ type: 'source', key: 'source', name: m.name, cloudId: m.cloudId });
    }
    return;
  }
  const existing = c.org.sources.find((s) => lower(s.name) === lower(d.source.name));
  ops.push(
    existing
      ? { op: 'linkSource', name: existing.name, cloudId: existing.id }
      : { op: 'createSource', name: d.source.name },
  );
}

export function planSkills(d: Desired, c: PlanContext, ops: PlanOp[], tombs: Tombstone[]): void {
  for (const s of d.skills) {
    c.managedSkillNames.add(lower(s.name));
    const m = c.mapping.skills.get(s.dbid);
    // No rename endpoint exists for skills: a renamed Engage skill maps to a skill of the new name.
    if (m && m.name === s.name) {
      if (c.skills.has(m.cloudId)) c.liveSkillNames.add(s.name);
      else tombs.push({ type: 'skill', key: String(s.dbid), name: s.name, cloudId: m.cloudId });
      continue;
    }
    const existing = c.skillsByName.get(lower(s.name));
    ops.push(
      existing
        ? { op: 'linkSkill', dbid: s.dbid, name: s.name, cloudId: existing.id }
        : { op: 'createSkill', dbid: s.dbid, name: s.name },
    );
    c.liveSkillNames.add(s.name);
  }
}

export function planWrapupCodes(d: Desired, c: PlanContext, ops: PlanOp[], tombs: Tombstone[]): void {
  for (const w of d.wrapupCodes) {
    const m = c.mapping.wrapupCodes.get(w.name);
    if (m) {
      if (c.wrapupCodes.has(m.cloudId)) {
        c.liveWrapupNames.add(w.name);
        c.wrapupIdOf.set(w.name, m.cloudId);
      } else tombs.push({ type: 'wrapupCode', key: w.name, name: w.name, cloudId: m.cloudId });
      continue;
    }
    const existing = c.wrapupCodesByName.get(lower(w.name));
    if (existing) {
      ops.push({ op: 'linkWrapupCode', name: w.name, cloudId: existing.id });
      c.wrapupIdOf.set(w.name, existing.id);
    } else ops.push({ op: 'createWrapupCode', name: w.name });
    c.liveWrapupNames.add(w.name);
  }
}
