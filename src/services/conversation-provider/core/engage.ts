// The Engage values the tracker reads (the simulator's conventions, docs/call-flows.md) and lookups in a
// chain's calls and parties.
import { TCallType, TPartyState } from '../../../engage/tlib/index.ts';
import type { CallRec, ChainState, CommRec, PartyKind, PartyRec } from './model.ts';

/** AttributeCause values (UNCONFIRMED numbering, kept with the simulator's in tlib-values.ts). */
export const Cause = { ACD: 1, NoAnswer: 3, Route: 5, Transfer: 10, SingleStepTransfer: 11, Conference: 12 };

/** AttributePartyType (no public enum; the simulator's numbering). */
export function partyKind(type: number | undefined): PartyKind {
  switch (type) {
    case 1:
      return 'external';
    case 2:
      return 'extension';
    case 3:
      return 'rp';
    case 4:
      return 'trunk';
    default:
      return 'unknown';
  }
}

export const telephony = (state: number): number => state & 0xf;
export const isConnected = (state: number): boolean => telephony(state) === TPartyState.Connected;
export const isHeld = (state: number): boolean => telephony(state) === TPartyState.Held;
export const isAlerting = (state: number): boolean => telephony(state) === TPartyState.Alerting;
export const isObserving = (state: number): boolean => (state & 0xf0) === TPartyState.SvcObserving;

export const CallType = TCallType;

/** User-data keys of an ASM / outbound campaign call. */
export const CAMPAIGN_KEYS = [
  'GSW_CAMPAIGN_NAME',
  'GSW_RECORD_HANDLE',
  'GSW_CALLING_LIST',
  'GSW_APPLICATION_ID',
];
/** The user-data key carrying the agent's disposition (a Business Attribute value mapped to a wrap-up code). */
export const DISPOSITION_KEY = 'DispositionCode';

export function findParty(
  chain: ChainState,
  uuid: string | undefined,
): { call: CallRec; party: PartyRec } | undefined {
  if (uuid === undefined) return undefined;
  for (const call of Object.values(chain.calls)) {
    const party = call.parties[uuid];
    if (party) return { call, party };
  }
  return undefined;
}

/** The communication a party owns (its own, not the consulting agent's it is mapped onto). */
export function ownComm(chain: ChainState, p: PartyRec | undefined): CommRec | undefined {
  if (!p?.comm) return undefined;
  const c = chain.comms[p.comm];
  return c && c.party === p.uuid ? c : undefined;
}

export function commOfParty(chain: ChainState, uuid: string | undefined): CommRec | undefined {
  const f = findParty(chain, uuid);
  return f?.party.comm ? chain.comms[f.party.comm] : undefined;
}

/** The person being transferred or consulted about: the customer first, then a dialled number, then a user. */
export function objectOf(chain: ChainState, not: CommRec | undefined): CommRec | undefined {
  let best: CommRec | undefined;
  const rank = { external: 0, phone: 1, user: 2, ivr: 9, routing: 9 };
  for (const k of chain.commOrder) {
    const c = chain.comms[k];
    if (!c || c.ended || c === not || rank[c.purpose] === 9) continue;
    if (!best || rank[c.purpose] < rank[best.purpose]) best = c;
  }
  return best;
}

/**
 * Who brought a party in: its controlling party, seen through ISCC trunks (a leg's party is controlled by
 * its inbound trunk, which continues the calling site's outbound trunk, controlled by who sent the call).
 */
export function effectiveCtrl(chain: ChainState, call: CallRec, p: PartyRec): PartyRec | undefined {
  let ctrl = findParty(chain, p.ctrl)?.party;
  if (call.role === 'leg' && (!ctrl || ctrl.kind === 'trunk') && call.viaTrunk)
    ctrl = findParty(chain, call.viaTrunk)?.party;
  if (ctrl?.kind === 'trunk') return findParty(chain, ctrl.ctrl)?.party;
  return ctrl;
}
