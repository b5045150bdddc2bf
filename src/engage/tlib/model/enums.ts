// T-Lib enumerations as the reference (§1.3, from the T-Library header) gives them. Each is a const
// object (name → number) with a reverse lookup through enumName().

export const TCallType = { Unknown: 0, Internal: 1, Inbound: 2, Outbound: 3, Consult: 4 } as const;
export type TCallType = (typeof TCallType)[keyof typeof TCallType];

export const TDNRole = {
  Unknown: 0,
  Origination: 1,
  Destination: 2,
  ConferenceMember: 3,
  NewParty: 4,
  AddedBy: 5,
  DeletedBy: 6,
  TransferredBy: 7,
  DeletedParty: 8,
  ConferencedBy: 9,
  Observer: 10,
} as const;
export type TDNRole = (typeof TDNRole)[keyof typeof TDNRole];

// Values above 31 conflict between sources; the header's Deafened 49 / Held 50 is preferred (reference).
export const TCallState = {
  Ok: 0,
  Transferred: 1,
  Conferenced: 2,
  GeneralError: 3,
  SystemError: 4,
  RemoteRelease: 5,
  Busy: 6,
  NoAnswer: 7,
  SitDetected: 8,
  AnsweringMachineDetected: 9,
  AllTrunksBusy: 10,
  SitInvalidnum: 11,
  SitVacant: 12,
  SitIntercept: 13,
  SitUnknown: 14,
  SitNocircuit: 15,
  SitReorder: 16,
  FaxDetected: 17,
  QueueFull: 18,
  Cleared: 19,
  Overflowed: 20,
  Abandoned: 21,
  Redirected: 22,
  Forwarded: 23,
  Consult: 24,
  Pickedup: 25,
  Dropped: 26,
  Droppednoanswer: 27,
  Unknown: 28,
  Covered: 29,
  ConverseOn: 30,
  Bridged: 31,
  Deafened: 49,
  Held: 50,
} as const;
export type TCallState = (typeof TCallState)[keyof typeof TCallState];

export const TAgentWorkMode = {
  Unknown: 0,
  ManualIn: 1,
  AutoIn: 2,
  AfterCallWork: 3,
  AuxWork: 4,
  NoCallDisconnect: 5,
  WalkAway: 6,
  ReturnBack: 7,
} as const;
export type TAgentWorkMode = (typeof TAgentWorkMode)[keyof typeof TAgentWorkMode];

export const TServerRole = { Primary: 0, Backup: 1 } as const;
export type TServerRole = (typeof TServerRole)[keyof typeof TServerRole];

/** AttributePartyState of call-monitoring events: a bitmask of independent fields. */
export const TPartyState = {
  Null: 0,
  // generic telephony state, PartyStateMask.Telephony
  Initiated: 0x1,
  Queued: 0x9,
  Alerting: 0xa,
  Busy: 0xb,
  Connected: 0xc,
  CpDetect: 0xd,
  Held: 0xe,
  Failed: 0xf,
  // supplementary, PartyStateMask.Supplementary
  NoListen: 0x10,
  NoTalk: 0x20,
  Bridged: 0x40,
  Audit: 0x80,
  SvcObserving: 0xa0,
  // routing / treatment, PartyStateMask.Routing
  TreatmentReq: 0x100,
  Treatment: 0x200,
  Routing: 0x800,
  // modifiers, PartyStateMask.Modifiers
  Dialing: 0x10000,
  Uncertain: 0x20000,
} as const;

export const PartyStateMask = {
  Telephony: 0x000f,
  Supplementary: 0x00f0,
  Routing: 0x0f00,
  Modifiers: 0xf0000,
} as const;

const TELEPHONY = ['Initiated', 'Queued', 'Alerting', 'Busy', 'Connected', 'CpDetect', 'Held', 'Failed'];
const SUPPLEMENTARY = ['NoListen', 'NoTalk', 'Bridged', 'Audit', 'SvcObserving'];
const ROUTING = ['TreatmentReq', 'Treatment', 'Routing'];

export interface DecodedPartyState {
  /** Initiated, Queued, Alerting, Busy, Connected, CpDetect, Held, Failed, or undefined. */
  telephony: string | undefined;
  supplementary: string | undefined;
  routing: string | undefined;
  dialing: boolean;
  uncertain: boolean;
}

function fieldName(names: string[], v: number): string | undefined {
  if (v === 0) return undefined;
  return names.find((n) => TPartyState[n as keyof typeof TPartyState] === v) ?? `0x${v.toString(16)}`;
}

/** Splits a PartyState value into its fields (an unknown field value is shown in hex). */
export function decodePartyState(value: number): DecodedPartyState {
  return {
    telephony: fieldName(TELEPHONY, value & PartyStateMask.Telephony),
    supplementary: fieldName(SUPPLEMENTARY, value & PartyStateMask.Supplementary),
    routing: fieldName(ROUTING, value & PartyStateMask.Routing),
    dialing: (value & TPartyState.Dialing) !== 0,
    uncertain: (value & TPartyState.Uncertain) !== 0,
  };
}

/** The name of an enum value (`enumName(TCallType, 2)` is 'Inbound'), or undefined. */
export function enumName<E extends Record<string, number>>(e: E, value: number): keyof E | undefined {
  for (const k in e) if (e[k] === value) return k;
  return undefined;
}
