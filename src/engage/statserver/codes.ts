// The Platform SDK `DnActions` status codes the link carries (reference: engage-tlib-statserver.md §4).
// Codes 0-3, 10-12, 14, 15 are not confirmed by any public source; the link never needs them.

export const DnAction = {
  WaitForNextCall: 4,
  OffHook: 5,
  CallDialing: 6,
  CallRinging: 7,
  NotReadyForNextCall: 8,
  AfterCallWork: 9,
  CallOnHold: 13,
  AsmEngaged: 16,
  AsmOutbound: 17,
  CallUnknown: 18,
  CallConsult: 19,
  CallInternal: 20,
  CallOutbound: 21,
  CallInbound: 22,
  LoggedOut: 23,
} as const;

export type DnActionCode = (typeof DnAction)[keyof typeof DnAction];

/** Codes that say the agent is on a call, and which kind. CallOnHold hides the kind (§4). */
export const CALL_TYPE_CODES: ReadonlySet<number> = new Set([
  DnAction.CallUnknown,
  DnAction.CallConsult,
  DnAction.CallInternal,
  DnAction.CallOutbound,
  DnAction.CallInbound,
]);

/** Regular status priority (lowest first); an agent's status is its highest-priority action. */
export const STATUS_PRIORITY: readonly number[] = [
  DnAction.WaitForNextCall,
  DnAction.OffHook,
  DnAction.CallDialing,
  DnAction.CallRinging,
  DnAction.NotReadyForNextCall,
  DnAction.AfterCallWork,
  DnAction.CallOnHold,
  DnAction.CallUnknown,
  DnAction.CallConsult,
  DnAction.CallInternal,
  DnAction.CallOutbound,
  DnAction.CallInbound,
  DnAction.LoggedOut,
];

/** The highest-priority code among `codes` (unknown codes rank lowest); undefined for none. */
export function highestPriority(codes: Iterable<number>): number | undefined {
  let best: number | undefined;
  let bestRank = -2;
  for (const c of codes) {
    const rank = STATUS_PRIORITY.indexOf(c);
    if (rank > bestRank) {
      best = c;
      bestRank = rank;
    }
  }
  return best;
}
