// The call tracker: one T-Lib event in, the Genesys Cloud events it implies out (api.ts is the contract).
import type { Directory, StepResult, TrackerInput, TrackerState } from './api.ts';
import {
  onCallCreated,
  onCallDataChanged,
  onCallDeleted,
  onPartyAdded,
  onPartyDeleted,
  onPartyMoved,
  onPartyState,
} from './calls.ts';
import { StepContext } from './context.ts';
import { onExtensionEvent, onQueued, onUserEvent } from './dn-events.ts';

export function emptyTrackerState(): TrackerState {
  return { chains: {}, aliases: {}, dns: {} };
}

const CALL_MONITORING: Record<string, (ctx: StepContext) => void> = {
  EventCallCreated: onCallCreated,
  EventCallPartyAdded: onPartyAdded,
  EventCallPartyState: onPartyState,
  EventCallPartyDeleted: onPartyDeleted,
  EventCallPartyMoved: onPartyMoved,
  EventCallDataChanged: onCallDataChanged,
  EventCallDeleted: onCallDeleted,
};

/** VQ events other than EventQueued (Diverted, Abandoned) add nothing: the call's own parties tell. */
const VQ_QUIET = new Set(['EventDiverted', 'EventAbandoned', 'EventRegistered', 'EventUnregistered']);

export function trackerStep(state: TrackerState, input: TrackerInput, dir: Directory): StepResult {
  const ctx = new StepContext(state, input, dir);
  const name = input.event.name;
  const onCall = CALL_MONITORING[name];
  if (onCall) onCall(ctx);
  else if (name === 'EventQueued') onQueued(ctx);
  else if (input.link === 'vq') {
    if (!VQ_QUIET.has(name)) ctx.note('ignored', 'vq-event', `${name} on a VQ is not used`);
  } else if (name === 'EventUserEvent') onUserEvent(ctx);
  else if (input.link === 'agent') onExtensionEvent(ctx);
  else if (name.startsWith('EventCall'))
    ctx.note('unrecognised', 'call-event', `${name} is not a call-monitoring event the tracker knows`);
  return ctx.result();
}

export function expiredChains(state: TrackerState, nowMs: number, graceMs: number): string[] {
  const out: string[] = [];
  // for…in, not Object.entries: no pair per chain (this runs over every chain held, every pass).
  for (const key in state.chains) {
    const ended = state.chains[key]!.endedMs;
    if (ended !== undefined && ended + graceMs <= nowMs) out.push(key);
  }
  return out;
}
