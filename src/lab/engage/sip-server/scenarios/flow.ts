// The building block of every scenario: a pure recorder of what a SIP Server distributes while a call
// progresses. It owns the calls and parties (ConnID, CallUUID, PartyUUID, party states) so that DN events,
// call-monitoring events and the EventUserEvent participant lists always agree with each other.
import type { SipAgent, SipTopology } from '../topology.ts';
import { PartyType, type PartyTypeValue } from './tlib-values.ts';

export type SiteKey = 'home' | 'remote';
export type TLibBody = { message: string } & Record<string, unknown>;

/** One event as a SIP Server distributes it: on a DN (to clients that registered it) or to monitors. */
export interface SimEvent {
  /** Event time in microseconds since the epoch (the body carries the same time). */
  atUs: number;
  site: SiteKey;
  /** The DN the event is distributed on; null for call-monitoring events. */
  dn: string | null;
  body: TLibBody;
}

export interface FlowContext {
  topology: SipTopology;
  startUs: number;
  /** Multiplies every wait: 1 plays real durations, 0.001 a thousand times faster. */
  timeScale: number;
  /** Makes the ids of this call unique within the run. */
  callIndex: number;
  /** Makes ids unique across simulator runs (4 hex digits). */
  runTag: string;
  /** Extensions already on a call (the traffic driver keeps them); picks avoid them when it can. */
  busy?: ReadonlySet<string>;
}

export type PartyRole = 'customer' | 'agent' | 'supervisor' | 'rp' | 'external' | 'trunk' | 'extension';

export interface Party {
  uuid: string;
  dn: string;
  role: PartyRole;
  type: PartyTypeValue;
  state: number;
  agent?: SipAgent;
  call: Call;
}

export interface Call {
  site: SiteKey;
  connId: string;
  callUuid: string;
  callId: number;
  callType: number;
  ani?: string;
  dnis?: string;
  parties: Party[];
  /** The party that started the call (AttributeThisDNRole Origination on its DN events). */
  origin?: Party;
  userData: Record<string, unknown>;
}

const TYPE_OF_ROLE: Record<PartyRole, PartyTypeValue> = {
  customer: PartyType.External,
  external: PartyType.External,
  agent: PartyType.Extension,
  supervisor: PartyType.Extension,
  extension: PartyType.Extension,
  rp: PartyType.RoutingPoint,
  trunk: PartyType.Trunk,
};

export class Flow {
  readonly events: SimEvent[] = [];
  /** The scenario's clock, in microseconds. */
  private nowUs: number;
  private serial = 0;
  private calls = 0;

  constructor(readonly ctx: FlowContext) {
    this.nowUs = ctx.startUs;
  }

  get topology(): SipTopology {
    return this.ctx.topology;
  }

  /** Lets (scaled) time pass. */
  wait(seconds: number): void {
    this.nowUs += Math.round(seconds * 1_000_000 * this.ctx.timeScale);
  }

  /** A new id of this call: `kind` C (call), P (party), L (IS-Link). CallUUIDs are 32 of [0-9A-Z]. */
  uuid(kind: 'C' | 'P' | 'L', site: SiteKey): string {
    const n = this.ctx.callIndex * 256 + this.serial++;
    const head =
      this.ctx.runTag.toUpperCase().padStart(4, '0').slice(-4) + (site === 'home' ? 'A' : 'B') + kind;
    return head + n.toString(36).toUpperCase().padStart(26, '0');
  }

  /** ConnIDs are 16 hex digits. */
  private connId(site: SiteKey): string {
    const n = this.ctx.callIndex * 256 + this.serial++;
    const head = this.ctx.runTag.toLowerCase().padStart(4, '0').slice(-4) + (site === 'home' ? 'a' : 'b');
    return head + n.toString(16).padStart(11, '0');
  }

  /** Records one event; every event of a scenario gets a strictly later time than the one before. */
  emit(site: SiteKey, dn: string | null, message: string, attrs: Record<string, unknown>): void {
    this.nowUs += 1;
    const atUs = this.nowUs;
    const body: TLibBody = {
      message,
      ...attrs,
      AttributeTimeinSecs: Math.floor(atUs / 1_000_000),
      AttributeTimeinuSecs: atUs % 1_000_000,
    };
    this.events.push({ atUs, site, dn, body });
  }

  // ---- call monitoring -------------------------------------------------------------------------

  createCall(
    site: SiteKey,
    callType: number,
    opts: {
      ani?: string;
      dnis?: string;
      origCall?: Call;
      connId?: string;
      userData?: Record<string, unknown>;
    } = {},
  ): Call {
    const call: Call = {
      site,
      connId: opts.connId ?? this.connId(site),
      callUuid: this.uuid('C', site),
      callId: this.ctx.callIndex * 16 + ++this.calls,
      callType,
      ...(opts.ani ? { ani: opts.ani } : {}),
      ...(opts.dnis ? { dnis: opts.dnis } : {}),
      parties: [],
      userData: { ...opts.userData },
    };
    this.emit(site, null, 'EventCallCreated', {
      AttributeCallUUID: call.callUuid,
      AttributeConnID: call.connId,
      AttributeCallType: callType,
      ...(opts.origCall ? { AttributeOrigCallUUID: opts.origCall.callUuid } : {}),
      ...(call.ani ? { AttributeANI: call.ani } : {}),
      ...(call.dnis ? { AttributeDNIS: call.dnis } : {}),
      ...(Object.keys(call.userData).length ? { AttributeUserData: { ...call.userData } } : {}),
    });
    return call;
  }

  private partyAttrs(p: Party): Record<string, unknown> {
    return {
      AttributeCallUUID: p.call.callUuid,
      AttributeConnID: p.call.connId,
      AttributePartyUUID: p.uuid,
      AttributeDN: p.dn,
      AttributePartyType: p.type,
      AttributePartyState: p.state,
    };
  }

  addParty(
    call: Call,
    dn: string,
    role: PartyRole,
    state: number,
    opts: { agent?: SipAgent; ctrl?: Party; cause?: number } = {},
  ): Party {
    const p: Party = {
      uuid: this.uuid('P', call.site),
      dn,
      role,
      type: TYPE_OF_ROLE[role],
      state,
      call,
      ...(opts.agent ? { agent: opts.agent } : {}),
    };
    call.parties.push(p);
    call.origin ??= p;
    this.emit(call.site, null, 'EventCallPartyAdded', {
      ...this.partyAttrs(p),
      ...(opts.ctrl ? { AttributeCtrlParty: opts.ctrl.uuid } : {}),
      ...(opts.cause !== undefined ? { AttributeCause: opts.cause } : {}),
    });
    this.participantsChanged(call);
    return p;
  }

  setState(p: Party, state: number, cause?: number): void {
    p.state = state;
    this.emit(p.call.site, null, 'EventCallPartyState', {
      ...this.partyAttrs(p),
      ...(cause !== undefined ? { AttributeCause: cause } : {}),
    });
    this.participantsChanged(p.call);
  }

  deleteParty(p: Party, cause?: number, ctrl?: Party): void {
    const call = p.call;
    const i = call.parties.indexOf(p);
    if (i < 0) throw new Error(`party ${p.dn} is not on call ${call.callUuid}`);
    call.parties.splice(i, 1);
    this.emit(call.site, null, 'EventCallPartyDeleted', {
      ...this.partyAttrs(p),
      ...(ctrl ? { AttributeCtrlParty: ctrl.uuid } : {}),
      ...(cause !== undefined ? { AttributeCause: cause } : {}),
    });
    this.participantsChanged(call);
  }

  /** A party leaves `p.call` for `to` (transfer or conference completion, ASM merge). */
  moveParty(p: Party, to: Call): void {
    const from = p.call;
    from.parties.splice(from.parties.indexOf(p), 1);
    p.call = to;
    to.parties.push(p);
    this.emit(to.site, null, 'EventCallPartyMoved', {
      AttributeCallUUID: from.callUuid,
      AttributeConnID: from.connId,
      AttributeNewCallUUID: to.callUuid,
      AttributePartyUUID: p.uuid,
      AttributeDN: p.dn,
      AttributePartyType: p.type,
      AttributePartyState: p.state,
    });
    this.participantsChanged(from);
    this.participantsChanged(to);
  }

  dataChanged(call: Call, attrs: Record<string, unknown>): void {
    this.emit(call.site, null, 'EventCallDataChanged', {
      AttributeCallUUID: call.callUuid,
      AttributeConnID: call.connId,
      ...attrs,
    });
  }

  deleteCall(call: Call, mergedInto?: Call): void {
    if (call.parties.length) throw new Error(`call ${call.callUuid} deleted with parties left`);
    this.emit(call.site, null, 'EventCallDeleted', {
      AttributeCallUUID: call.callUuid,
      AttributeConnID: call.connId,
      ...(mergedInto ? { AttributeRefCallUUID: mergedInto.callUuid } : {}),
    });
  }

  // ---- DN events -------------------------------------------------------------------------------

  /** An event on a DN of `call`, with the call's common attributes. */
  dn(call: Call, dn: string, message: string, attrs: Record<string, unknown> = {}): void {
    this.emit(call.site, dn, message, {
      AttributeConnID: call.connId,
      AttributeCallUUID: call.callUuid,
      AttributeCallID: call.callId,
      AttributeCallType: call.callType,
      AttributeThisDN: dn,
      ...(call.ani ? { AttributeANI: call.ani } : {}),
      ...(call.dnis ? { AttributeDNIS: call.dnis } : {}),
      ...attrs,
      ...(Object.keys(call.userData).length ? { AttributeUserData: { ...call.userData } } : {}),
    });
  }

  /** An agent-state event on an extension (no call attributes). */
  agentEvent(site: SiteKey, agent: SipAgent, message: string, attrs: Record<string, unknown> = {}): void {
    this.emit(site, agent.extension, message, {
      AttributeThisDN: agent.extension,
      AttributeAgentID: agent.agentId,
      AttributePlace: agent.place,
      ...attrs,
    });
  }

  /**
   * EventUserEvent on the extension of every agent on the call, carrying the call's current participants
   * (the seed: "This event contains the current list of call participants").
   */
  participantsChanged(call: Call): void {
    const list: Record<string, unknown> = {};
    for (const p of call.parties) {
      list[p.uuid] = {
        DN: p.dn,
        Role: p.role,
        PartyState: p.state,
        ...(p.agent
          ? { EmployeeID: p.agent.employeeId, AgentID: p.agent.agentId, Place: p.agent.place }
          : {}),
      };
    }
    for (const p of call.parties) {
      if (p.role !== 'agent' && p.role !== 'supervisor' && p.role !== 'extension') continue;
      this.emit(call.site, p.dn, 'EventUserEvent', {
        AttributeThisDN: p.dn,
        AttributeConnID: call.connId,
        AttributeCallUUID: call.callUuid,
        AttributeUserData: {
          EventName: 'CallParticipants',
          CallUUID: call.callUuid,
          CallType: call.callType,
          Participants: list,
        },
      });
    }
  }
}
