// The call scenarios the EX conversation model does not support (seed 003, "Call Scenarios Not Supported"):
// the simulator still plays them exactly as a SIP Server reports them; what to do with them is the
// conversation provider's business (monitoring suspension, ignore, or not inject).
import type { Flow } from './flow.ts';
import {
  answer,
  cancelConsult,
  consultAnswered,
  endCall,
  leave,
  partyEvent,
  pickAgents,
  pickOf,
  retrieve,
  ring,
  startConsult,
} from './steps.ts';
import { answeredInbound, T } from './supported.ts';
import { CallState, CallType, Cause, DNRole, PartyState } from './tlib-values.ts';

export const UNSUPPORTED: Record<string, (f: Flow) => void> = {
  conference: (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const k = startConsult(f, c.party, { dn: b!.extension, role: 'agent', agent: b! });
    ring(f, T.ring);
    consultAnswered(f, k);
    f.wait(T.consult);
    // RequestCompleteConference: A's consult leg goes, B joins the main call, A is retrieved.
    partyEvent(f, k.from, 'EventReleased', { AttributeCallState: CallState.Conferenced });
    f.deleteParty(k.from, Cause.Conference);
    f.moveParty(k.to, c.call);
    f.deleteCall(k.call, c.call);
    retrieve(f, c.party);
    const added = { AttributeThirdPartyDNRole: DNRole.ConferenceMember };
    partyEvent(f, c.party, 'EventPartyAdded', { ...added, AttributeThirdPartyDN: b!.extension });
    partyEvent(f, k.to, 'EventPartyChanged', {
      AttributePreviousConnID: k.call.connId,
      AttributeThirdPartyDN: c.party.dn,
      AttributeThirdPartyDNRole: DNRole.ConferencedBy,
    });
    f.wait(T.talk);
    // The first agent leaves the conference; the customer and B go on talking.
    leave(f, c.party);
    partyEvent(f, k.to, 'EventPartyDeleted', {
      AttributeThirdPartyDN: c.party.dn,
      AttributeThirdPartyDNRole: DNRole.DeletedParty,
    });
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  supervision: (f) => {
    const [sup] = pickAgents(f, 'home', 1, (a) => a.supervisor === true);
    const c = answeredInbound(f);
    // Silent monitoring: the supervisor's DN joins as an observer.
    const s = f.addParty(
      c.call,
      sup!.extension,
      'supervisor',
      PartyState.Alerting | PartyState.SvcObserving,
      {
        agent: sup!,
        ctrl: c.party,
      },
    );
    partyEvent(f, s, 'EventRinging', { AttributeThisDNRole: DNRole.Observer });
    partyEvent(f, s, 'EventEstablished', { AttributeThisDNRole: DNRole.Observer });
    f.setState(s, PartyState.Connected | PartyState.SvcObserving);
    f.wait(T.talk);
    leave(f, s);
    f.wait(T.talk / 4);
    endCall(f, c.call, c.customer);
  },

  'nested-consult': (f) => {
    const [a, b, x] = pickAgents(f, 'home', 3);
    const c = answeredInbound(f, a);
    const k1 = startConsult(f, c.party, { dn: b!.extension, role: 'agent', agent: b! });
    ring(f, T.ring);
    consultAnswered(f, k1);
    f.wait(T.consult);
    // B consults a third agent out of the consult call.
    const k2 = startConsult(f, k1.to, { dn: x!.extension, role: 'agent', agent: x! });
    ring(f, T.ring);
    consultAnswered(f, k2);
    f.wait(T.consult);
    cancelConsult(f, k2, k1.to);
    f.wait(T.consult / 2);
    cancelConsult(f, k1, c.party);
    f.wait(T.talk / 2);
    endCall(f, c.call, c.customer);
  },

  'third-call': (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const k = startConsult(f, c.party, { dn: b!.extension, role: 'agent', agent: b! });
    ring(f, T.ring);
    consultAnswered(f, k);
    // A third call rings on A's extension (a direct call) while the main call is held and the consult
    // call is up; the caller gives up before A answers.
    const caller = pickOf(f, f.topology.externalNumbers, 2);
    const third = f.createCall('home', CallType.Inbound, { ani: caller });
    const from = f.addParty(third, caller, 'customer', PartyState.Connected);
    const ringing = f.addParty(third, a!.extension, 'agent', PartyState.Alerting, { agent: a!, ctrl: from });
    partyEvent(f, ringing, 'EventRinging');
    ring(f, T.ring * 2);
    partyEvent(f, ringing, 'EventAbandoned', { AttributeCallState: CallState.Abandoned });
    f.deleteParty(from);
    f.deleteParty(ringing);
    f.deleteCall(third);
    f.wait(T.consult);
    cancelConsult(f, k, c.party);
    f.wait(T.talk / 2);
    endCall(f, c.call, c.customer);
  },

  'no-agent-extension': (f) => {
    const ext = pickOf(f, f.topology.home.unstaffedExtensions);
    const caller = pickOf(f, f.topology.externalNumbers);
    const call = f.createCall('home', CallType.Inbound, { ani: caller, dnis: ext });
    const from = f.addParty(call, caller, 'customer', PartyState.Connected);
    const p = f.addParty(call, ext, 'extension', PartyState.Alerting, { ctrl: from });
    partyEvent(f, p, 'EventRinging');
    ring(f, T.ring);
    answer(f, p);
    f.wait(T.talk);
    endCall(f, call, from);
  },

  'out-of-scope-agent': (f) => {
    const [agent] = pickAgents(f, 'home', 1, (a) => !a.inScope);
    const c = answeredInbound(f, agent!);
    endCall(f, c.call, c.customer);
  },

  internal: (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const call = f.createCall('home', CallType.Internal);
    const from = f.addParty(call, a!.extension, 'agent', PartyState.Initiated | PartyState.Dialing, {
      agent: a!,
    });
    const to = f.addParty(call, b!.extension, 'agent', PartyState.Alerting, { agent: b!, ctrl: from });
    partyEvent(f, from, 'EventDialing', { AttributeThisDNRole: DNRole.Origination });
    partyEvent(f, to, 'EventRinging');
    ring(f, T.ring);
    answer(f, to);
    partyEvent(f, from, 'EventEstablished', { AttributeThisDNRole: DNRole.Origination });
    f.setState(from, PartyState.Connected);
    f.wait(T.talk / 2);
    endCall(f, call, from);
  },

  'asm-outbound': (f) => {
    const [a] = pickAgents(f, 'home', 1);
    const customer = pickOf(f, f.topology.externalNumbers, 1);
    const campaign = {
      GSW_CAMPAIGN_NAME: 'Renewals',
      GSW_CALLING_LIST: 'Renewals_List',
      GSW_RECORD_HANDLE: 1000 + f.ctx.callIndex,
      GSW_APPLICATION_ID: 210,
    };
    const dialer = 'OCS_ASM_Dialer';
    // The engaging call to the agent, then the outbound call to the customer, merged by OCS.
    const engage = f.createCall('home', CallType.Internal, { userData: campaign });
    const eFrom = f.addParty(engage, dialer, 'trunk', PartyState.Connected);
    const agentParty = f.addParty(engage, a!.extension, 'agent', PartyState.Alerting, {
      agent: a!,
      ctrl: eFrom,
    });
    partyEvent(f, agentParty, 'EventRinging');
    answer(f, agentParty);
    const out = f.createCall('home', CallType.Outbound, { userData: campaign });
    const oFrom = f.addParty(out, dialer, 'trunk', PartyState.Initiated | PartyState.Dialing);
    const cust = f.addParty(out, customer, 'external', PartyState.Alerting, { ctrl: oFrom });
    ring(f, T.ring);
    f.setState(cust, PartyState.Connected);
    f.moveParty(cust, engage);
    f.deleteParty(oFrom);
    f.deleteCall(out, engage);
    f.deleteParty(eFrom);
    partyEvent(f, agentParty, 'EventPartyChanged', { AttributePreviousConnID: out.connId });
    f.wait(T.talk);
    endCall(f, engage, agentParty);
  },
};
