// The operator's confirmation of a plan held by the mass-deactivation guard, kept in the store so that
// `POST /api/v1/sync/confirm` and `exec-connector plan --confirm` (another process) reach the same EXCS.
// It lapses after a day: a confirmation is for the plan an operator looked at, not for a later one.
import { keys } from '../../../store/keys.ts';
import type { StateStore } from '../../../store/types.ts';
import type { Confirmation } from '../planner/guard.ts';

const TTL_MS = 24 * 3_600_000;
const PLAN_ID = /^deact-[0-9a-f]{16}$/;

export function isPlanId(s: string): boolean {
  return PLAN_ID.test(s);
}

export async function confirmPlan(store: StateStore, planId: string): Promise<void> {
  if (!isPlanId(planId)) throw new TypeError(`not a plan id: ${JSON.stringify(planId.slice(0, 40))}`);
  await store.set(keys.syncConfirmation(), planId, { ttlMs: TTL_MS });
}

export async function readConfirmation(store: StateStore): Promise<Confirmation | undefined> {
  const v = await store.get(keys.syncConfirmation());
  return v !== null && isPlanId(v) ? { planId: v } : undefined;
}

export async function clearConfirmation(store: StateStore): Promise<void> {
  await store.delete(keys.syncConfirmation());
}
