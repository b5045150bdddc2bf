// The seam between EXCP's pure core (call tracker + translator) and its I/O shell (links, Redis, sender).
// Changes after the first commit are additive only, and listed here:
//   - inputKeys, chainDnKeys, forget (helpers for a shell storing the state key by key)
import type { TEvent } from '../../../engage/tlib/index.ts';
import type { TaggedConversationEvent } from '../../../cloud/areas/events.ts';
import type { ChainState, DnState } from './model.ts';
import { chainDnKeys, forgetChain, inputKeys } from './keys.ts';
import { emptyTrackerState, expiredChains, trackerStep } from './tracker.ts';

/** The seed's three link sets: VQ DNs, agent (extension) DNs, call monitoring. */
export type LinkKind = 'vq' | 'agent' | 'call';

export interface TrackerInput {
  /** Already de-duplicated between primary and backup by the T-Lib link. */
  event: TEvent;
  link: LinkKind;
  /** Which SIP Server pair (EXCP_<n> pair / switch name) it came from. */
  site: string;
}

export interface MappedUser {
  dbid: number;
  cloudId: string;
  userName: string;
  employeeId: string;
}

/** Read-only lookups from EXCS's mapping API (a snapshot; the shell refreshes it on `version` change). */
export interface Directory {
  /** The presence source id (sourceConfiguration.sourceId). */
  sourceId: string | undefined;
  /** In-scope, active users only. */
  userByAgentLogin(login: string, site: string): MappedUser | undefined;
  userByEmployeeId(employeeId: string): MappedUser | undefined;
  extension(number: string, site: string): { dbid: number; agentDbid?: number } | undefined;
  queueByDn(number: string, site: string): { cloudId: string; name: string } | undefined;
  wrapupCodeByName(name: string): { cloudId: string } | undefined;
}

/**
 * ChainState: one conversation (main call, its consults and its multi-site legs). DnState: one agent DN
 * (who is logged in, which calls are on it). Plain JSON; their fields belong to the core (the shell
 * stores and loads them as opaque values under their keys).
 */
export type { ChainState, DnState } from './model.ts';

/** All tracker state; plain JSON (the shell stores it in Redis key by key). */
export interface TrackerState {
  /** One per conversation, keyed by chain key (the first CallUUID of the chain). */
  chains: Record<string, ChainState>;
  /** `call:<CallUUID>`, `conn:<site>/<ConnID>`, `link:<IS-Link id>` → chain key. */
  aliases: Record<string, string>;
  /** Keyed `<site>/<dn>`. */
  dns: Record<string, DnState>;
}

export interface OutEvent {
  conversationId: string;
  callUuid: string;
  tagged: TaggedConversationEvent;
}

export type TrackerNoteKind = 'suspended' | 'not-injected' | 'ignored' | 'unrecognised';

/** Something to count (by kind and reason) and log once. */
export interface TrackerNote {
  kind: TrackerNoteKind;
  /** A short stable token for metrics labels (`conference`, `internal-call`, `third-call`, …). */
  reason: string;
  /** A sentence for the log. */
  detail: string;
  event: string;
  callUuid?: string;
  connId?: string;
  conversationId?: string;
}

export interface StepResult {
  /** Events to send, in order, each tagged with its conversation id and a deterministic v4-form eventId. */
  events: OutEvent[];
  /** Keys this step created/changed/deleted (a deleted key is absent from state after the step). */
  touched: { chains: string[]; aliases: string[]; dns: string[] };
  notes: TrackerNote[];
}

/** Deterministic, no I/O, no clock (time comes from the event). Mutates `state` in place and reports what it touched. */
export function step(state: TrackerState, input: TrackerInput, dir: Directory): StepResult {
  return trackerStep(state, input, dir);
}

/** Chains finished longer than `graceMs` ago (by event time) that may be dropped. */
export function expired(state: TrackerState, nowMs: number, graceMs: number): string[] {
  return expiredChains(state, nowMs, graceMs);
}

export function emptyState(): TrackerState {
  return emptyTrackerState();
}

/** Drops a chain (one `expired` named), its aliases and its calls from DN states; returns what changed. */
export function forget(state: TrackerState, chainKey: string): StepResult['touched'] {
  return forgetChain(state, chainKey);
}

export { chainDnKeys, inputKeys };
