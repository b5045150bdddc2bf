// The agent state reducer (pure): from the Stat Server's CurrentState and CurrentStateReason trees to a
// Genesys Cloud (presence, routing status), as seed 003's table "Mapping Agent States" says.
import { CALL_TYPE_CODES, DnAction } from '../../engage/statserver/codes.ts';
import type { AgentStatusTree, StatCategory } from '../../engage/statserver/protocol.ts';

/** Never `Available`: seed 003 says a mapped user's presence is never set to it. */
export type Presence = 'Offline' | 'Busy' | 'Break' | 'Meal' | 'Meeting' | 'Training' | 'OnQueue';
export type RoutingStatus = 'OffQueue' | 'Idle' | 'Interacting' | 'Communicating';
export type EngageState = 'LoggedOff' | 'NotReady' | 'Ready' | 'AfterCallWork';
/** The table's three call columns: no call, internal, any other type. */
export type CallKind = 'none' | 'internal' | 'other';

export interface EngageView {
  state: EngageState;
  call: CallKind;
  reason?: string;
}

export interface UserState {
  presence: Presence;
  routingStatus: RoutingStatus;
}

export const DEFAULT_REASON_KEY = 'ReasonCode';
/** Reasons named like a Genesys Cloud presence map to it; any other reason maps to Busy. */
const REASON_PRESENCES: readonly Presence[] = ['Break', 'Meal', 'Meeting', 'Training'];
/** ACW keeps the presence the agent had; an agent first seen in ACW was working, so On Queue. */
const ACW_PRESENCE_WHEN_UNKNOWN: Presence = 'OnQueue';

export function reasonPresence(reason: string | undefined): Presence | undefined {
  const r = reason?.trim().toLowerCase();
  return r ? REASON_PRESENCES.find((p) => p.toLowerCase() === r) : undefined;
}

/** The seed's table. `previous` is the presence before this state (for ACW). */
export function mapState(view: EngageView, previous?: Presence): UserState {
  const onCall = (idle: RoutingStatus): RoutingStatus =>
    view.call === 'internal' ? 'Communicating' : view.call === 'other' ? 'Interacting' : idle;
  switch (view.state) {
    case 'LoggedOff':
      return { presence: 'Offline', routingStatus: 'OffQueue' };
    case 'Ready':
      return { presence: 'OnQueue', routingStatus: onCall('Idle') };
    case 'NotReady':
      return {
        presence: view.call === 'none' ? (reasonPresence(view.reason) ?? 'Busy') : 'Busy',
        routingStatus: onCall('OffQueue'),
      };
    case 'AfterCallWork':
      return { presence: previous ?? ACW_PRESENCE_WHEN_UNKNOWN, routingStatus: onCall('Interacting') };
  }
}

function allCodes(tree: AgentStatusTree): number[] {
  const codes = [tree.status];
  for (const dn of tree.place?.dnStatuses ?? []) {
    codes.push(dn.status);
    for (const a of dn.actions) codes.push(a.action);
  }
  return codes;
}

/** Reason value under `key` (key matched case-insensitively), preferring nodes in a Not Ready/ACW status. */
export function findReason(tree: AgentStatusTree, key: string): string | undefined {
  const k = key.toLowerCase();
  const found: { value: string; explains: number }[] = [];
  const look = (r: Record<string, string> | undefined, explains: number): void => {
    if (!r) return;
    for (const [name, value] of Object.entries(r))
      if (name.toLowerCase() === k) found.push({ value, explains });
  };
  look(tree.reasons, tree.status);
  look(tree.place?.reasons ?? undefined, tree.place?.status ?? -1);
  for (const dn of tree.place?.dnStatuses ?? []) {
    look(dn.reasons, dn.status);
    for (const a of dn.actions) look(a.reasons, a.action);
  }
  const notReady = found.find(
    (f) => f.explains === DnAction.NotReadyForNextCall || f.explains === DnAction.AfterCallWork,
  );
  return (notReady ?? found[0])?.value;
}

export interface ClassifyContext {
  /** The call kind before a hold: a held call hides its type (reference §4). */
  previousCall?: CallKind;
  /** The state before, when the tree does not say Ready or Not Ready (only a root status). */
  previousState?: EngageState;
}

/** Which row of the table a tree is: agent state and call kind (no reason; see findReason). */
export function classify(tree: AgentStatusTree, ctx: ClassifyContext = {}): EngageView {
  if (tree.status === DnAction.LoggedOut) return { state: 'LoggedOff', call: 'none' };
  const codes = new Set(allCodes(tree));
  let call: CallKind = 'none';
  const callTypes = [...codes].filter((c) => CALL_TYPE_CODES.has(c));
  if (callTypes.some((c) => c !== DnAction.CallInternal)) call = 'other';
  else if (callTypes.length) call = 'internal';
  else if (codes.has(DnAction.CallOnHold))
    call = ctx.previousCall && ctx.previousCall !== 'none' ? ctx.previousCall : 'other';
  let state: EngageState;
  if (codes.has(DnAction.AfterCallWork)) state = 'AfterCallWork';
  else if (codes.has(DnAction.NotReadyForNextCall)) state = 'NotReady';
  else if (codes.has(DnAction.WaitForNextCall)) state = 'Ready';
  else state = ctx.previousState && ctx.previousState !== 'LoggedOff' ? ctx.previousState : 'NotReady';
  return { state, call };
}

/** The ConnID of the first action of the tree that `is` picks (a call-type or the held action). */
export function callIdOf(tree: AgentStatusTree, is: (action: number) => boolean): string | undefined {
  for (const dn of tree.place?.dnStatuses ?? [])
    for (const a of dn.actions) if (a.connId && is(a.action)) return a.connId;
  return undefined;
}
const isCallType = (action: number): boolean => CALL_TYPE_CODES.has(action);
const isHeld = (action: number): boolean => action === DnAction.CallOnHold;

/** What the reducer keeps per agent between inputs. */
export interface AgentReduction {
  trees: Partial<Record<StatCategory, { tree: AgentStatusTree; seq: number }>>;
  seq: number;
  view?: EngageView;
  user?: UserState;
  /** The last call whose type a tree showed, by ConnID: a held call keeps the type of that same call only. */
  call?: { connId: string; kind: CallKind };
}

export const emptyReduction = (): AgentReduction => ({ trees: {}, seq: 0 });

/**
 * One statistic update for one agent. The newest tree (either statistic: both carry the statuses) gives
 * the state; the reason tree's reason counts while it shows that same state, so a reason cannot outlive
 * the Not Ready it explained.
 */
export function reduceAgent(
  prev: AgentReduction,
  category: StatCategory,
  tree: AgentStatusTree,
  reasonKey = DEFAULT_REASON_KEY,
): { next: AgentReduction; user: UserState; changed: boolean } {
  const seq = prev.seq + 1;
  const trees = { ...prev.trees, [category]: { tree, seq } };
  const ctx: ClassifyContext = {
    ...(prev.view ? { previousCall: prev.view.call, previousState: prev.view.state } : {}),
  };
  // After a re-sync (failover) the agent may be on another call than the one seen last: the held call
  // keeps a type only when it is the same call (same ConnID). Trees without ConnIDs keep the last kind.
  const heldId = callIdOf(tree, isHeld);
  if (heldId) ctx.previousCall = prev.call?.connId === heldId ? prev.call.kind : 'none';
  const view = classify(tree, ctx);
  const shownId = callIdOf(tree, isCallType);
  const call = shownId ? { connId: shownId, kind: view.call } : prev.call;
  const reasonTree = trees.CurrentStateReason;
  if (reasonTree && view.state !== 'LoggedOff') {
    const consistent =
      category === 'CurrentStateReason' || classify(reasonTree.tree, ctx).state === view.state;
    const reason = consistent ? findReason(reasonTree.tree, reasonKey) : undefined;
    if (reason !== undefined) view.reason = reason;
  }
  const user = mapState(view, prev.user?.presence);
  const changed =
    !prev.user || prev.user.presence !== user.presence || prev.user.routingStatus !== user.routingStatus;
  return { next: { trees, seq, view, user, ...(call ? { call } : {}) }, user, changed };
}
