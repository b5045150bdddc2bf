// Source, skills and wrap-up codes: created once, linked to an org object of the same name when one exists
// (after a crash between the create and the store write, or a pre-existing object), never deleted. Two
// Engage names differing only by case are one org object (seed 003): the first is created, the other is
// linked to it by the follow-up plan, and the plan says so.
import type { Desired } from '../desired.ts';
import { lower, type PlanContext } from './context.ts';
import type { PlanOp, Tombstone } from './types.ts';

export function planSource(desired: Desired, ctx: PlanContext, ops: PlanOp[], tombstones: Tombstone[]): void {
  const mapped = ctx.mapping.source;
  if (mapped) {
    if (!ctx.org.sources.some((s) => s.id === mapped.cloudId)) {
      tombstones.push({ type: 'source', key: 'source', name: mapped.name, cloudId: mapped.cloudId });
    }
    return;
  }
  const existing = ctx.org.sources.find((s) => lower(s.name) === lower(desired.source.name));
  ops.push(
    existing
      ? { op: 'linkSource', name: existing.name, cloudId: existing.id }
      : { op: 'createSource', name: desired.source.name },
  );
}

/** Returns how many skills wait for the follow-up plan (a case clash with a skill this plan creates). */
export function planSkills(
  desired: Desired,
  ctx: PlanContext,
  ops: PlanOp[],
  tombstones: Tombstone[],
): number {
  const creating = new Map<string, { dbid: number; name: string }>();
  let deferred = 0;
  for (const skill of desired.skills) {
    ctx.managedSkillNames.add(lower(skill.name));
    const mapped = ctx.mapping.skills.get(skill.dbid);
    // No rename endpoint exists for skills: a renamed Engage skill maps to a skill of the new name.
    if (mapped && mapped.name === skill.name) {
      if (ctx.skills.has(mapped.cloudId)) ctx.liveSkillNames.add(skill.name);
      else
        tombstones.push({
          type: 'skill',
          key: String(skill.dbid),
          name: skill.name,
          cloudId: mapped.cloudId,
        });
      continue;
    }
    const existing = ctx.skillsByName.get(lower(skill.name));
    const first = creating.get(lower(skill.name));
    if (!existing && first) {
      deferred++;
      ctx.notes.push({
        type: 'nameClash',
        dbid: skill.dbid,
        name: skill.name,
        reason: `skill name differs only by case from "${first.name}" (DBID ${first.dbid}): they share one Genesys Cloud skill`,
      });
      continue;
    }
    if (existing) ops.push({ op: 'linkSkill', dbid: skill.dbid, name: skill.name, cloudId: existing.id });
    else {
      creating.set(lower(skill.name), skill);
      ops.push({ op: 'createSkill', dbid: skill.dbid, name: skill.name });
    }
    ctx.liveSkillNames.add(skill.name);
  }
  return deferred;
}

/** Returns how many codes wait for the follow-up plan (a case clash with a code this plan creates). */
export function planWrapupCodes(
  desired: Desired,
  ctx: PlanContext,
  ops: PlanOp[],
  tombstones: Tombstone[],
): number {
  const creating = new Map<string, string>();
  let deferred = 0;
  for (const code of desired.wrapupCodes) {
    const mapped = ctx.mapping.wrapupCodes.get(code.name);
    if (mapped) {
      if (ctx.wrapupCodes.has(mapped.cloudId)) {
        ctx.liveWrapupNames.add(code.name);
        ctx.wrapupIdOf.set(code.name, mapped.cloudId);
      } else
        tombstones.push({ type: 'wrapupCode', key: code.name, name: code.name, cloudId: mapped.cloudId });
      continue;
    }
    const existing = ctx.wrapupCodesByName.get(lower(code.name));
    const first = creating.get(lower(code.name));
    if (existing) {
      ops.push({ op: 'linkWrapupCode', name: code.name, cloudId: existing.id });
      ctx.wrapupIdOf.set(code.name, existing.id);
    } else if (first !== undefined) {
      deferred++;
      ctx.notes.push({
        type: 'nameClash',
        dbid: 0,
        name: code.name,
        reason: `disposition value differs only by case from "${first}": they share one wrap-up code`,
      });
      continue;
    } else {
      creating.set(lower(code.name), code.name);
      ops.push({ op: 'createWrapupCode', name: code.name });
    }
    ctx.liveWrapupNames.add(code.name);
  }
  return deferred;
}
