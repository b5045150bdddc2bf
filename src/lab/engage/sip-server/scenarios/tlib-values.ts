// The T-Lib numbers the scenarios put on the wire (reference §1.3). AttributePartyType has no public enum:
// the values below are ours (UNCONFIRMED), kept in one place so they can follow the model if it pins some.

export const CallType = { Unknown: 0, Internal: 1, Inbound: 2, Outbound: 3, Consult: 4 } as const;

export const DNRole = {
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

export const CallState = {
  Ok: 0,
  Transferred: 1,
  Conferenced: 2,
  NoAnswer: 7,
  Abandoned: 21,
  Redirected: 22,
} as const;

export const AgentWorkMode = { Unknown: 0, ManualIn: 1, AutoIn: 2, AfterCallWork: 3 } as const;

/** TPartyState bits: generic state (mask 0xF), supplementary (0xF0), routing/treatment (0xF00), modifiers. */
export const PartyState = {
  Initiated: 0x1,
  Queued: 0x9,
  Alerting: 0xa,
  Connected: 0xc,
  Held: 0xe,
  Failed: 0xf,
  SvcObserving: 0xa0,
  Treatment: 0x200,
  Routing: 0x800,
  Dialing: 0x10000,
} as const;

/** Cause values ([PYENUM], UNCONFIRMED). */
export const Cause = {
  Empty: 0,
  ACD: 1,
  NoAnswer: 3,
  Route: 5,
  Transfer: 10,
  SingleStepTransfer: 11,
  Conference: 12,
} as const;

/** Our AttributePartyType values (UNCONFIRMED: no public enum). */
export const PartyType = { Unknown: 0, External: 1, Extension: 2, RoutingPoint: 3, Trunk: 4 } as const;
export type PartyTypeValue = (typeof PartyType)[keyof typeof PartyType];
