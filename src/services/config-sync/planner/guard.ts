// The mass-deactivation guard (issue 11; the "accidental deletions" threshold of directory provisioning
// services): a plan that would deactivate more users than the threshold is not applied at all until an
// operator confirms it by its id. A misspelt folder filter would otherwise empty the org in one pass.
// Pure: the plan, the number of mapped users and the threshold in, a verdict out.
import { createHash } from 'node:crypto';
import type { Plan } from './types.ts';

/** `N%` of the mapped users (never under `floor`), a fixed count, or off. */
export type DeactivationThreshold =
  { kind: 'percent'; percent: number; floor: number } | { kind: 'count'; count: number } | { kind: 'off' };

/** The default: 10% of the mapped users, at least 20. */
export const DEFAULT_DEACTIVATION_THRESHOLD: DeactivationThreshold = {
  kind: 'percent',
  percent: 10,
  floor: 20,
};

/** The transaction option's value: `10%`, `25`, or `off`; anything else is reported and the default used. */
export function parseDeactivationThreshold(
  value: string | undefined,
  problems: string[] = [],
): DeactivationThreshold {
  if (value === undefined) return DEFAULT_DEACTIVATION_THRESHOLD;
  const v = value.trim().toLowerCase();
  if (v === 'off') return { kind: 'off' };
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  if (pct && Number(pct[1]) <= 100) return { kind: 'percent', percent: Number(pct[1]), floor: 20 };
  if (/^\d+$/.test(v)) return { kind: 'count', count: Number(v) };
  problems.push(
    `hybrid_integration mass_deactivation_threshold: "${value}" is not a percentage (10%), a count (25) or off; the default 10% (at least 20) is used`,
  );
  return DEFAULT_DEACTIVATION_THRESHOLD;
}

/** Users the connector maps and has not retired (their person left): the base of the percentage. */
export function mappedUserCount(users: ReadonlyMap<number, { engageDeleted?: boolean }>): number {
  let n = 0;
  for (const u of users.values()) if (!u.engageDeleted) n++;
  return n;
}

/** How many deactivations one pass may make without a confirmation. */
export function deactivationLimit(t: DeactivationThreshold, mappedUsers: number): number {
  switch (t.kind) {
    case 'off':
      return Infinity;
    case 'count':
      return t.count;
    case 'percent':
      return Math.max(t.floor, Math.floor((mappedUsers * t.percent) / 100));
  }
}

export interface Deactivation {
  personDbid: number;
  userName: string;
}

/** Users the plan makes inactive: persons gone from Engage (or out of scope) and persons disabled. */
export function deactivationsOf(plan: Plan): Deactivation[] {
  const out: Deactivation[] = [];
  for (const op of plan.ops) {
    if (op.op === 'deactivateUser') out.push({ personDbid: op.personDbid, userName: op.userName });
    else if (op.op === 'updateUser' && op.set.active === false)
      out.push({ personDbid: op.user.personDbid, userName: op.user.userName });
  }
  return out.sort((a, b) => a.personDbid - b.personDbid);
}

/** The id an operator confirms: the same set of deactivations always has the same id. */
export function deactivationPlanId(ds: readonly Deactivation[]): string {
  const h = createHash('sha256');
  for (const dbid of ds.map((d) => d.personDbid).sort((a, b) => a - b)) h.update(`${dbid},`);
  return `deact-${h.digest('hex').slice(0, 16)}`;
}

export interface HeldPlan {
  planId: string;
  deactivations: number;
  limit: number;
  mappedUsers: number;
  /** The first few users it would deactivate, for the log and /status. */
  sample: string[];
}

export interface Confirmation {
  planId: string;
}

/** `confirmed`: the id of the plan an operator confirmed, when this one needed it. */
export type GuardVerdict = { apply: true; confirmed?: string } | { apply: false; held: HeldPlan };

export function guardVerdict(
  plan: Plan,
  mappedUsers: number,
  threshold: DeactivationThreshold,
  confirmation: Confirmation | undefined,
): GuardVerdict {
  const ds = deactivationsOf(plan);
  const limit = deactivationLimit(threshold, mappedUsers);
  if (ds.length <= limit) return { apply: true };
  const planId = deactivationPlanId(ds);
  if (confirmation?.planId === planId) return { apply: true, confirmed: planId };
  return {
    apply: false,
    held: {
      planId,
      deactivations: ds.length,
      limit,
      mappedUsers,
      sample: ds.slice(0, 10).map((d) => d.userName),
    },
  };
}

export function heldMessage(h: HeldPlan): string {
  return (
    `sync held: the pass would deactivate ${h.deactivations} of ${h.mappedUsers} mapped users ` +
    `(threshold ${h.limit}); nothing was applied. Check the folder filter and the Engage changes, then ` +
    `confirm plan ${h.planId} with POST /api/v1/sync/confirm or exec-connector plan --confirm`
  );
}
