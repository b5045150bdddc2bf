// The T-Lib numbers the scenarios put on the wire: the model's enumerations (reference §1.3) under the
// short names the scenarios use, plus the values no public enum pins (Cause, AttributePartyType), which
// are ours (UNCONFIRMED) and kept in this one place.
export {
  TAgentWorkMode as AgentWorkMode,
  TCallState as CallState,
  TCallType as CallType,
  TDNRole as DNRole,
  TPartyState as PartyState,
} from '../../../../engage/tlib/model/enums.ts';

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
