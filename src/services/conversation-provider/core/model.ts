// The tracker's state, as plain JSON: per conversation (chain) the Engage calls and parties it is made of
// and the Genesys Cloud communications emitted for them; per agent DN who is there and on which calls.
import type { OutEvent } from './api.ts';

/**
 * pending: nothing sent yet; events wait in `buffer` until the call proves injectable (an in-scope agent
 * is established, or it ends without reaching an extension). live: injected. suspended: Monitoring
 * Suspension Mode (only ends). not-injected / ignored: nothing is ever sent.
 */
export type ChainMode = 'pending' | 'live' | 'suspended' | 'not-injected' | 'ignored';

export type Purpose = 'external' | 'ivr' | 'routing' | 'user' | 'phone';
export type PartyKind = 'external' | 'extension' | 'rp' | 'trunk' | 'unknown';

/** A party of an Engage call (AttributePartyUUID). */
export type PartyRec = {
  uuid: string;
  dn: string;
  kind: PartyKind;
  state: number;
  ctrl?: string;
  cause?: number;
  /** pending: not yet established; comm: mapped onto `comm`; skipped: never injected. */
  status: 'pending' | 'comm' | 'skipped';
  /** The communication key this party stands for (its own, or the consulting agent's). */
  comm?: string;
  /** Who is logged in on this extension for this call, when an event said so. */
  employeeId?: string;
  login?: string;
  /** An event said no agent is logged in on this extension. */
  noAgent?: boolean;
  gone?: boolean;
};

export type CallRec = {
  uuid: string;
  connId: string;
  site: string;
  type: number;
  /** main: the conversation's own call; consult: a consultation out of it; leg: another site's leg. */
  role: 'main' | 'consult' | 'leg';
  ani?: string;
  dnis?: string;
  /** Party UUIDs in the order they joined. */
  order: string[];
  parties: Record<string, PartyRec>;
  deleted?: boolean;
  /** IS-Link id → this call's trunk party on that link (ISLinkList). */
  links?: Record<string, string>;
  /** For a leg: the trunk party of the calling site it continues. */
  viaTrunk?: string;
};

export type CommRec = {
  key: string;
  id: string;
  purpose: Purpose;
  /** The party that owns it (its hold and release drive it); absent for a VQ's routing communication. */
  party?: string;
  dn?: string;
  userId?: string;
  queueId?: string;
  invitedBy?: string;
  alerting: boolean;
  answered?: boolean;
  held?: boolean;
  ended?: boolean;
  dispositioned?: boolean;
  /** The open transfer (commandId key) this communication is the destination of. */
  transfer?: string;
};

/** A single-step transfer: started by `from`, moving `object`; `dest` once its destination is injected. */
export type TransferRec = {
  key: string;
  id: string;
  from: string;
  object: string;
  /** The party the call was transferred to (an extension, RP, external number or ISCC trunk). */
  target: string;
  targetKind: PartyKind;
  dest?: string;
  done?: boolean;
};

export type ConsultRec = {
  call: string;
  initiator: string;
  object?: string;
  dest?: string;
  started?: boolean;
  canceling?: boolean;
};

export type ChainState = {
  key: string;
  conversationId: string;
  site: string;
  mode: ChainMode;
  reason?: string;
  calls: Record<string, CallRec>;
  comms: Record<string, CommRec>;
  /** Communication keys in order of creation. */
  commOrder: string[];
  transfers: Record<string, TransferRec>;
  consult?: ConsultRec;
  /** Every alias (call:, conn:, link:) pointing at this chain, so that forgetting it forgets them. */
  aliases: string[];
  /** Events held back while the chain is pending. */
  buffer: OutEvent[];
  /** Identities (StepContext.seenKey) of the Engage events already applied: a re-delivered event changes nothing. */
  seen: string[];
  /** A person already hung up (the next ones are released by their peer). */
  selfEnded?: boolean;
  /** An extension reached before the chain was injectable, which could not be injected, and why. */
  missed?: string;
  /** The disposition code in the call's user data, with the DN that attached it when known. */
  disposition?: { code: string; dn?: string };
  /** The latest eventDateTime (ms) given to an event of this conversation. */
  outMs?: number;
  /** Event time (ms) of the last event, and of the end. */
  lastMs: number;
  endedMs?: number;
};

export type DnState = {
  site: string;
  dn: string;
  login?: string;
  employeeId?: string;
  /** CallUUIDs with a party on this DN now. */
  calls: string[];
};
