// Applying source, skill and wrap-up code operations: create once (or map an existing object), then
// write the mapping store at once.
import type { PlanOp } from '../planner/types.ts';
import type { ApplyOptions } from './apply.ts';

type Op<K extends PlanOp['op']> = Extract<PlanOp, { op: K }>;

/** The id of an object the cloud answered with; a create answered without one is a failure. */
export function idOf(o: { id?: string | undefined }, what: string): string {
  if (!o.id) throw new Error(`${what}: the answer carries no id`);
  return o.id;
}

export async function createSource(op: Op<'createSource'>, o: ApplyOptions): Promise<void> {
  const s = await o.cloud.presence.ensureSource({ name: op.name, type: 'User', deactivated: false });
  await o.mapping.putSource({ cloudId: idOf(s, `source "${op.name}"`), name: op.name });
}

export async function linkSource(op: Op<'linkSource'>, o: ApplyOptions): Promise<void> {
  await o.mapping.putSource({ cloudId: op.cloudId, name: op.name });
}

export async function createSkill(op: Op<'createSkill'>, o: ApplyOptions): Promise<void> {
  const s = await o.cloud.routing.createSkillOnce({ name: op.name });
  await o.mapping.putSkill(op.dbid, { cloudId: idOf(s, `skill "${op.name}"`), name: op.name });
}

export async function linkSkill(op: Op<'linkSkill'>, o: ApplyOptions): Promise<void> {
  await o.mapping.putSkill(op.dbid, { cloudId: op.cloudId, name: op.name });
}

export async function createWrapupCode(op: Op<'createWrapupCode'>, o: ApplyOptions): Promise<void> {
  const w = await o.cloud.routing.createWrapupCodeOnce({ name: op.name });
  await o.mapping.putWrapupCode(op.name, { cloudId: idOf(w, `wrap-up code "${op.name}"`) });
}

export async function linkWrapupCode(op: Op<'linkWrapupCode'>, o: ApplyOptions): Promise<void> {
  await o.mapping.putWrapupCode(op.name, { cloudId: op.cloudId });
}
