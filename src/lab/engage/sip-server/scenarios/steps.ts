// The steps scenarios are made of (arrive at a routing point, queue on a VQ, route to an agent, answer,
// hold, transfer, release…), each recording the DN and call-monitoring events a SIP Server reports for it.
import type { SipAgent, SipSite } from '../topology.ts';
import type { Call, Flow, Party, SiteKey } from './flow.ts';
import { AgentWorkMode, CallState, CallType, Cause, DNRole, PartyState } from './tlib-values.ts';

export const DN_PARTY_ROLES = new Set(['agent', 'supervisor', 'extension']);

export function siteOf(f: Flow, site: SiteKey): SipSite {
  return site === 'home' ? f.topology.home : f.topology.remote;
}

/** `n` distinct agents of a site, starting at a place that depends on the call, skipping busy ones. */
export function pickAgents(
  f: Flow,
  site: SiteKey,
  n: number,
  filter: (a: SipAgent) => boolean = (a) => a.inScope && !a.supervisor,
): SipAgent[] {
  const all = siteOf(f, site).agents.filter(filter);
  if (all.length < n) throw new Error(`the topology has fewer than ${n} suitable agents on ${site}`);
  const start = (f.ctx.callIndex * 7) % all.length;
  const rotated = [...all.slice(start), ...all.slice(0, start)];
  const busy = f.ctx.busy ?? new Set<string>();
  const free = rotated.filter((a) => !busy.has(a.extension));
  const taken = rotated.filter((a) => busy.has(a.extension));
  return [...free, ...taken].slice(0, n);
}

export function pickOf<T>(f: Flow, list: readonly T[], salt = 0): T {
  const v = list[(f.ctx.callIndex + salt) % list.length];
  if (v === undefined) throw new Error('the topology has an empty list');
  return v;
}

/** The DN on the other side of `p` (for AttributeOtherDN): the first other party, preferring people. */
function otherDn(p: Party): string | undefined {
  const others = p.call.parties.filter((x) => x !== p);
  return (others.find((x) => x.role !== 'rp') ?? others[0])?.dn;
}

/** A DN event on a party's own DN with its role, the other side and the agent logged in there. */
export function partyEvent(
  f: Flow,
  p: Party,
  message: string,
  attrs: Record<string, unknown> = {},
  other = otherDn(p),
): void {
  const role = p.call.origin === p ? DNRole.Origination : DNRole.Destination;
  f.dn(p.call, p.dn, message, {
    AttributeThisDNRole: role,
    ...(other ? { AttributeOtherDN: other, AttributeOtherDNRole: role === DNRole.Destination ? 1 : 2 } : {}),
    ...(p.agent ? { AttributeAgentID: p.agent.agentId, AttributePlace: p.agent.place } : {}),
    ...attrs,
  });
}

export interface Inbound {
  call: Call;
  customer: Party;
  rp: Party;
}

/** A caller reaches a routing point: RouteRequest, then the IVR treatment for `ivrSeconds`. */
export function arriveAtRp(f: Flow, site: SiteKey, ivrSeconds: number, rpDn?: string): Inbound {
  const s = siteOf(f, site);
  const ani = pickOf(f, f.topology.externalNumbers).replace(/\d{2}$/, String(10 + (f.ctx.callIndex % 90)));
  const dnis = pickOf(f, f.topology.dnis);
  const rpName = rpDn ?? pickOf(f, s.routingPoints);
  const call = f.createCall(site, CallType.Inbound, { ani, dnis });
  const customer = f.addParty(call, ani, 'customer', PartyState.Connected);
  const rp = f.addParty(call, rpName, 'rp', PartyState.Queued, { ctrl: customer });
  f.dn(call, rpName, 'EventRouteRequest', {
    AttributeThisQueue: rpName,
    AttributeThisDNRole: DNRole.Destination,
    AttributeOtherDN: ani,
    AttributeOtherDNRole: DNRole.Origination,
  });
  f.setState(rp, PartyState.Queued | PartyState.Treatment);
  f.wait(ivrSeconds);
  return { call, customer, rp };
}

function vqExtensions(f: Flow, call: Call, vq: string): Record<string, unknown> {
  const s = siteOf(f, call.site);
  return {
    NAME: 'URS',
    VQID: String(101 + Math.max(0, s.virtualQueues.indexOf(vq))),
    Location: s.switchName,
    CallUUID: call.callUuid,
  };
}

function vqAttrs(f: Flow, call: Call, vq: string): Record<string, unknown> {
  return {
    AttributeThisQueue: vq,
    AttributeThisDNRole: DNRole.Destination,
    ...(call.ani ? { AttributeOtherDN: call.ani, AttributeOtherDNRole: DNRole.Origination } : {}),
    AttributeCustomerID: f.topology.tenant,
    AttributeExtensions: vqExtensions(f, call, vq),
  };
}

/** URS queues the call on a VQ (EventQueued distributed on the VQ) and waits `seconds` for a target. */
export function queueOnVq(f: Flow, call: Call, rp: Party, vq: string, seconds: number): void {
  f.dn(call, vq, 'EventQueued', vqAttrs(f, call, vq));
  f.setState(rp, PartyState.Queued | PartyState.Routing);
  f.wait(seconds);
}

/** The caller hangs up while on the RP (and maybe a VQ): EventAbandoned on both. */
export function abandonAtRp(f: Flow, inb: Inbound, vq?: string): void {
  const { call, customer, rp } = inb;
  if (vq)
    f.dn(call, vq, 'EventAbandoned', { ...vqAttrs(f, call, vq), AttributeCallState: CallState.Abandoned });
  f.dn(call, rp.dn, 'EventAbandoned', {
    AttributeThisQueue: rp.dn,
    AttributeThisDNRole: DNRole.Destination,
    AttributeCallState: CallState.Abandoned,
  });
  f.deleteParty(customer);
  f.deleteParty(rp);
  f.deleteCall(call);
}

/** URS routes the call from the RP to an agent (RouteUsed, Diverted on RP and VQ); the agent rings. */
export function routeToAgent(f: Flow, inb: Inbound, vq: string | undefined, agent: SipAgent): Party {
  const { call, rp } = inb;
  if (vq) {
    call.userData = {
      ...call.userData,
      RTargetAgentSelected: agent.employeeId,
      RTargetPlaceSelected: agent.place,
      RVQID: vqExtensions(f, call, vq)['VQID'],
      RStrategyName: 'Inbound_Main',
    };
  }
  const party = f.addParty(call, agent.extension, 'agent', PartyState.Alerting, {
    agent,
    ctrl: rp,
    cause: Cause.ACD,
  });
  partyEvent(f, party, 'EventRinging', {
    AttributeThirdPartyDN: rp.dn,
    AttributeThirdPartyDNRole: DNRole.Destination,
  });
  const target = { AttributeThirdPartyDN: agent.extension, AttributeThirdPartyDNRole: DNRole.Destination };
  f.dn(call, rp.dn, 'EventRouteUsed', { AttributeThisQueue: rp.dn, ...target });
  f.dn(call, rp.dn, 'EventDiverted', {
    AttributeThisQueue: rp.dn,
    ...target,
    AttributeCallState: CallState.Ok,
  });
  f.deleteParty(rp, Cause.Route);
  if (vq)
    f.dn(call, vq, 'EventDiverted', { ...vqAttrs(f, call, vq), ...target, AttributeReason: { RTR: 115 } });
  return party;
}

export function ring(f: Flow, seconds: number): void {
  f.wait(seconds);
}

export function answer(f: Flow, p: Party): void {
  partyEvent(f, p, 'EventEstablished');
  f.setState(p, PartyState.Connected);
}

export function hold(f: Flow, p: Party): void {
  partyEvent(f, p, 'EventHeld');
  f.setState(p, PartyState.Held);
}

export function retrieve(f: Flow, p: Party): void {
  partyEvent(f, p, 'EventRetrieved');
  f.setState(p, PartyState.Connected);
}

/** A party leaves: EventReleased on its DN (if it has one), then EventCallPartyDeleted. */
export function leave(
  f: Flow,
  p: Party,
  callState: number = CallState.Ok,
  cause?: number,
  other = otherDn(p),
): void {
  if (DN_PARTY_ROLES.has(p.role)) partyEvent(f, p, 'EventReleased', { AttributeCallState: callState }, other);
  f.deleteParty(p, cause);
}

/** Everyone leaves, `first` first (the one who hangs up), and the call is deleted. */
export function endCall(f: Flow, call: Call, first: Party): void {
  const others = new Map(call.parties.map((p) => [p, otherDn(p)]));
  leave(f, first, CallState.Ok, undefined, others.get(first));
  for (const p of [...call.parties]) leave(f, p, CallState.Ok, undefined, others.get(p));
  f.deleteCall(call);
}

/** After-call work: NotReady with work mode ACW, then Ready again after `seconds`. */
export function afterCallWork(f: Flow, site: SiteKey, agent: SipAgent, seconds: number): void {
  f.agentEvent(site, agent, 'EventAgentNotReady', { AttributeAgentWorkMode: AgentWorkMode.AfterCallWork });
  f.wait(seconds);
  f.agentEvent(site, agent, 'EventAgentReady', { AttributeAgentWorkMode: AgentWorkMode.ManualIn });
}

/** The agent attaches user data (a disposition code): EventAttachedDataChanged + EventCallDataChanged. */
export function attachData(f: Flow, p: Party, data: Record<string, unknown>): void {
  p.call.userData = { ...p.call.userData, ...data };
  partyEvent(f, p, 'EventAttachedDataChanged');
  f.dataChanged(p.call, { AttributeUserData: { ...p.call.userData } });
}

/** Single-step transfer of `from`'s call to a DN: `from` is released Transferred, the target is added. */
export function singleStepTransfer(
  f: Flow,
  from: Party,
  target: { dn: string; role: 'agent' | 'rp' | 'external' | 'trunk'; agent?: SipAgent },
): Party {
  const call = from.call;
  const state = target.role === 'rp' ? PartyState.Queued : PartyState.Alerting;
  const party = f.addParty(call, target.dn, target.role, state, {
    ctrl: from,
    cause: Cause.SingleStepTransfer,
    ...(target.agent ? { agent: target.agent } : {}),
  });
  partyEvent(f, from, 'EventReleased', {
    AttributeCallState: CallState.Transferred,
    AttributeThirdPartyDN: target.dn,
    AttributeThirdPartyDNRole: DNRole.Destination,
  });
  f.deleteParty(from, Cause.SingleStepTransfer);
  const transferredBy = { AttributeThirdPartyDN: from.dn, AttributeThirdPartyDNRole: DNRole.TransferredBy };
  if (target.role === 'agent') partyEvent(f, party, 'EventRinging', transferredBy);
  if (target.role === 'rp') {
    f.dn(call, target.dn, 'EventRouteRequest', {
      AttributeThisQueue: target.dn,
      AttributeThisDNRole: DNRole.Destination,
      ...transferredBy,
    });
  }
  return party;
}

export interface Consult {
  call: Call;
  /** The consulting agent on the consult call. */
  from: Party;
  /** The consulted party (agent, RP or external). */
  to: Party;
}

/** `from` holds the main call and dials a consult call to a DN (agent, RP or external number). */
export function startConsult(
  f: Flow,
  from: Party,
  target: { dn: string; role: 'agent' | 'rp' | 'external'; agent?: SipAgent },
): Consult {
  const main = from.call;
  hold(f, from);
  const call = f.createCall(main.site, CallType.Consult, { origCall: main, userData: main.userData });
  const leg = f.addParty(call, from.dn, from.role, PartyState.Initiated | PartyState.Dialing, {
    ...(from.agent ? { agent: from.agent } : {}),
  });
  const prev = { AttributePreviousConnID: main.connId };
  const state = target.role === 'rp' ? PartyState.Queued : PartyState.Alerting;
  const to = f.addParty(call, target.dn, target.role, state, {
    ctrl: leg,
    ...(target.agent ? { agent: target.agent } : {}),
  });
  partyEvent(f, leg, 'EventDialing', { ...prev, AttributeThisDNRole: DNRole.Origination });
  if (target.role === 'agent') partyEvent(f, to, 'EventRinging', prev);
  if (target.role === 'rp') {
    f.dn(call, target.dn, 'EventRouteRequest', {
      AttributeThisQueue: target.dn,
      AttributeThisDNRole: DNRole.Destination,
      AttributeOtherDN: from.dn,
      AttributeOtherDNRole: DNRole.Origination,
      ...prev,
    });
  }
  return { call, from: leg, to };
}

/** The consulted party answers: Established on both ends of the consult call. */
export function consultAnswered(f: Flow, c: Consult): void {
  if (DN_PARTY_ROLES.has(c.to.role)) partyEvent(f, c.to, 'EventEstablished');
  f.setState(c.to, PartyState.Connected);
  partyEvent(f, c.from, 'EventEstablished');
  f.setState(c.from, PartyState.Connected);
}

/** The consulting agent completes the transfer: its two legs go, the consulted party joins the main call. */
export function completeTransfer(f: Flow, c: Consult, mainLeg: Party): void {
  const main = mainLeg.call;
  partyEvent(f, c.from, 'EventReleased', { AttributeCallState: CallState.Transferred });
  f.deleteParty(c.from, Cause.Transfer);
  partyEvent(f, mainLeg, 'EventReleased', { AttributeCallState: CallState.Transferred });
  f.deleteParty(mainLeg, Cause.Transfer);
  f.moveParty(c.to, main);
  if (DN_PARTY_ROLES.has(c.to.role)) {
    partyEvent(f, c.to, 'EventPartyChanged', {
      AttributePreviousConnID: c.call.connId,
      AttributeThirdPartyDN: mainLeg.dn,
      AttributeThirdPartyDNRole: DNRole.TransferredBy,
    });
  }
  f.deleteCall(c.call, main);
}

/** The consulting agent hangs up the consult call and retrieves the customer. */
export function cancelConsult(f: Flow, c: Consult, mainLeg: Party): void {
  leave(f, c.from);
  leave(f, c.to);
  f.deleteCall(c.call);
  retrieve(f, mainLeg);
}
