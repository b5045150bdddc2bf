// Multi-site calls: the call leaves the home SIP Server over ISCC and is reported by the remote one under
// a new CallUUID (ConnID kept). Both servers report the IS-Link in EventCallDataChanged's ISLinkList, which
// is how a client chains the two CallUUIDs into one conversation ([GENEM-MS]).
import type { SipAgent } from '../topology.ts';
import type { Call, Flow, Party } from './flow.ts';
import {
  answer,
  endCall,
  leave,
  partyEvent,
  pickAgents,
  pickOf,
  queueOnVq,
  ring,
  arriveAtRp,
} from './steps.ts';
import { answeredInbound, T } from './supported.ts';
import { CallState, CallType, Cause, DNRole, PartyState } from './tlib-values.ts';

interface Leg {
  /** The home call's trunk party towards the remote site. */
  outTrunk: Party;
  remoteCall: Call;
  inTrunk: Party;
  agentParty: Party;
}

/** ISLinkList as a nested KV-list: the IS-Link UUID with the location at the other end (key names UNCONFIRMED). */
function isLinkList(link: string, loc: string, dir: 'out' | 'in'): Record<string, unknown> {
  return { [link]: { loc, dir } };
}

/** Extends the home call to an agent on the remote site; the agent rings there. */
function crossToRemote(f: Flow, home: Call, agent: SipAgent, ctrl: Party, cause: number): Leg {
  const link = f.uuid('L', 'home');
  const { home: a, remote: b } = f.topology;
  const outTrunk = f.addParty(home, `ISCC_${b.switchName}`, 'trunk', PartyState.Alerting, { ctrl, cause });
  f.dataChanged(home, { AttributeISLinkList: isLinkList(link, b.switchName, 'out') });
  const remoteCall = f.createCall('remote', CallType.Inbound, {
    connId: home.connId,
    ...(home.ani ? { ani: home.ani } : {}),
    ...(home.dnis ? { dnis: home.dnis } : {}),
    userData: home.userData,
  });
  const inTrunk = f.addParty(remoteCall, `ISCC_${a.switchName}`, 'trunk', PartyState.Connected);
  f.dataChanged(remoteCall, { AttributeISLinkList: isLinkList(link, a.switchName, 'in') });
  const agentParty = f.addParty(remoteCall, agent.extension, 'agent', PartyState.Alerting, {
    agent,
    ctrl: inTrunk,
    cause,
  });
  partyEvent(f, agentParty, 'EventRinging', {
    AttributeLastTransferHomeLocation: a.switchName,
    AttributeLastTransferOrigDN: ctrl.dn,
  });
  return { outTrunk, remoteCall, inTrunk, agentParty };
}

function answerRemote(f: Flow, leg: Leg): void {
  answer(f, leg.agentParty);
  f.setState(leg.outTrunk, PartyState.Connected);
}

/** The caller hangs up: the home call ends, then the remote one. */
function endBoth(f: Flow, home: Call, customer: Party, leg: Leg): void {
  endCall(f, home, customer);
  leave(f, leg.inTrunk);
  endCall(f, leg.remoteCall, leg.agentParty);
}

export const MULTISITE: Record<string, (f: Flow) => void> = {
  'multisite-routed': (f) => {
    const [agent] = pickAgents(f, 'remote', 1);
    const inb = arriveAtRp(f, 'home', T.ivr);
    const vq = pickOf(f, f.topology.home.virtualQueues);
    queueOnVq(f, inb.call, inb.rp, vq, T.queue);
    inb.call.userData = {
      ...inb.call.userData,
      RTargetAgentSelected: agent!.employeeId,
      RStrategyName: 'Inbound_Main',
    };
    const leg = crossToRemote(f, inb.call, agent!, inb.rp, Cause.ACD);
    const target = {
      AttributeThirdPartyDN: agent!.extension,
      AttributeThirdPartyDNRole: DNRole.Destination,
      AttributeThirdPartyLocation: f.topology.remote.switchName,
    };
    f.dn(inb.call, inb.rp.dn, 'EventRouteUsed', { AttributeThisQueue: inb.rp.dn, ...target });
    f.dn(inb.call, inb.rp.dn, 'EventDiverted', {
      AttributeThisQueue: inb.rp.dn,
      ...target,
      AttributeCallState: 0,
    });
    f.deleteParty(inb.rp, Cause.Route);
    f.dn(inb.call, vq, 'EventDiverted', {
      AttributeThisQueue: vq,
      AttributeThisDNRole: DNRole.Destination,
      AttributeCustomerID: f.topology.tenant,
      ...target,
      AttributeReason: { RTR: 115 },
    });
    ring(f, T.ring);
    answerRemote(f, leg);
    f.wait(T.talk);
    endBoth(f, inb.call, inb.customer, leg);
  },

  'multisite-transfer': (f) => {
    const [remoteAgent] = pickAgents(f, 'remote', 1);
    const c = answeredInbound(f);
    const leg = crossToRemote(f, c.call, remoteAgent!, c.party, Cause.SingleStepTransfer);
    partyEvent(f, c.party, 'EventReleased', {
      AttributeCallState: CallState.Transferred,
      AttributeThirdPartyDN: remoteAgent!.extension,
      AttributeThirdPartyDNRole: DNRole.Destination,
      AttributeThirdPartyLocation: f.topology.remote.switchName,
    });
    f.deleteParty(c.party, Cause.SingleStepTransfer);
    ring(f, T.ring);
    answerRemote(f, leg);
    f.wait(T.talk);
    endBoth(f, c.call, c.customer, leg);
  },
};
