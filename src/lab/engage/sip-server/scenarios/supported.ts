// The call scenarios the EX conversation model supports (DESIGN §6), each as the SIP Server reports it.
import type { Flow } from './flow.ts';
import {
  abandonAtRp,
  afterCallWork,
  answer,
  arriveAtRp,
  attachData,
  cancelConsult,
  completeTransfer,
  consultAnswered,
  endCall,
  hold,
  leave,
  partyEvent,
  pickAgents,
  pickOf,
  queueOnVq,
  retrieve,
  ring,
  routeToAgent,
  singleStepTransfer,
  startConsult,
} from './steps.ts';
import { CallState, CallType, Cause, PartyState } from './tlib-values.ts';

/** Typical durations in seconds (scaled by the flow's timeScale). */
export const T = { ivr: 8, queue: 12, ring: 5, talk: 40, hold: 15, acw: 20, consult: 15 } as const;

function vqOf(f: Flow): string {
  return pickOf(f, f.topology.home.virtualQueues);
}

/** RP → VQ → the agent answers: the common start of most scenarios. */
export function answeredInbound(f: Flow, agent = pickAgents(f, 'home', 1)[0]!) {
  const inb = arriveAtRp(f, 'home', T.ivr);
  const vq = vqOf(f);
  queueOnVq(f, inb.call, inb.rp, vq, T.queue);
  const party = routeToAgent(f, inb, vq, agent);
  ring(f, T.ring);
  answer(f, party);
  f.wait(T.talk);
  return { ...inb, vq, agent, party };
}

export const SUPPORTED: Record<string, (f: Flow) => void> = {
  'ivr-only': (f) => {
    const inb = arriveAtRp(f, 'home', T.ivr * 2);
    abandonAtRp(f, inb);
  },

  'queue-abandon': (f) => {
    const inb = arriveAtRp(f, 'home', T.ivr);
    const vq = vqOf(f);
    queueOnVq(f, inb.call, inb.rp, vq, T.queue * 2);
    abandonAtRp(f, inb, vq);
  },

  'answered-caller-hangs-up': (f) => {
    const c = answeredInbound(f);
    endCall(f, c.call, c.customer);
  },

  'answered-agent-hangs-up': (f) => {
    const c = answeredInbound(f);
    endCall(f, c.call, c.party);
  },

  'ring-no-answer': (f) => {
    const [first, second] = pickAgents(f, 'home', 2);
    const inb = arriveAtRp(f, 'home', T.ivr);
    const vq = vqOf(f);
    queueOnVq(f, inb.call, inb.rp, vq, T.queue);
    const ringing = routeToAgent(f, inb, vq, first!);
    ring(f, T.ring * 3);
    // Router-on-no-answer: the agent's leg fails, the call returns to the RP and is queued again.
    f.setState(ringing, PartyState.Failed, Cause.NoAnswer);
    const rp = f.addParty(inb.call, inb.rp.dn, 'rp', PartyState.Queued, {
      ctrl: ringing,
      cause: Cause.NoAnswer,
    });
    leave(f, ringing, CallState.NoAnswer, Cause.NoAnswer);
    f.dn(inb.call, rp.dn, 'EventRouteRequest', { AttributeThisQueue: rp.dn, AttributeThisDNRole: 2 });
    const again = { ...inb, rp };
    queueOnVq(f, inb.call, rp, vq, T.queue);
    const party = routeToAgent(f, again, vq, second!);
    ring(f, T.ring);
    answer(f, party);
    f.wait(T.talk);
    endCall(f, inb.call, inb.customer);
  },

  'hold-retrieve': (f) => {
    const c = answeredInbound(f);
    hold(f, c.party);
    f.wait(T.hold);
    retrieve(f, c.party);
    f.wait(T.talk / 2);
    endCall(f, c.call, c.customer);
  },

  'acw-disposition': (f) => {
    const c = answeredInbound(f);
    attachData(f, c.party, { DispositionCode: pickOf(f, ['Resolved', 'Sale', 'Callback']) });
    f.wait(T.talk / 4);
    endCall(f, c.call, c.customer);
    afterCallWork(f, 'home', c.agent, T.acw);
  },

  'blind-transfer-agent': (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const target = singleStepTransfer(f, c.party, { dn: b!.extension, role: 'agent', agent: b! });
    ring(f, T.ring);
    answer(f, target);
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  'blind-transfer-queue': (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const rpDn = pickOf(f, f.topology.home.routingPoints, 1);
    const rp = singleStepTransfer(f, c.party, { dn: rpDn, role: 'rp' });
    const vq = pickOf(f, f.topology.home.virtualQueues, 1);
    queueOnVq(f, c.call, rp, vq, T.queue);
    const target = routeToAgent(f, { call: c.call, customer: c.customer, rp }, vq, b!);
    ring(f, T.ring);
    answer(f, target);
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  'blind-transfer-external': (f) => {
    const c = answeredInbound(f);
    const number = pickOf(f, f.topology.externalNumbers, 1);
    const ext = singleStepTransfer(f, c.party, { dn: number, role: 'external' });
    ring(f, T.ring);
    f.setState(ext, PartyState.Connected);
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  'consult-transfer-agent': (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const k = startConsult(f, c.party, { dn: b!.extension, role: 'agent', agent: b! });
    ring(f, T.ring);
    consultAnswered(f, k);
    f.wait(T.consult);
    completeTransfer(f, k, c.party);
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  'consult-transfer-queue': (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const rpDn = pickOf(f, f.topology.home.routingPoints, 1);
    const k = startConsult(f, c.party, { dn: rpDn, role: 'rp' });
    const vq = pickOf(f, f.topology.home.virtualQueues, 1);
    queueOnVq(f, k.call, k.to, vq, T.queue);
    k.to = routeToAgent(f, { call: k.call, customer: k.from, rp: k.to }, vq, b!);
    ring(f, T.ring);
    consultAnswered(f, k);
    f.wait(T.consult);
    completeTransfer(f, k, c.party);
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  'consult-cancel': (f) => {
    const [a, b] = pickAgents(f, 'home', 2);
    const c = answeredInbound(f, a);
    const k = startConsult(f, c.party, { dn: b!.extension, role: 'agent', agent: b! });
    ring(f, T.ring);
    consultAnswered(f, k);
    f.wait(T.consult);
    cancelConsult(f, k, c.party);
    f.wait(T.talk / 2);
    endCall(f, c.call, c.customer);
  },

  'consult-transfer-external': (f) => {
    const c = answeredInbound(f);
    const number = pickOf(f, f.topology.externalNumbers, 2);
    const k = startConsult(f, c.party, { dn: number, role: 'external' });
    ring(f, T.ring);
    consultAnswered(f, k);
    f.wait(T.consult);
    completeTransfer(f, k, c.party);
    f.wait(T.talk);
    endCall(f, c.call, c.customer);
  },

  'agent-outbound': (f) => {
    const [a] = pickAgents(f, 'home', 1);
    const number = pickOf(f, f.topology.externalNumbers);
    const call = f.createCall('home', CallType.Outbound, { userData: {} });
    const me = f.addParty(call, a!.extension, 'agent', PartyState.Initiated | PartyState.Dialing, {
      agent: a!,
    });
    const ext = f.addParty(call, number, 'external', PartyState.Alerting, { ctrl: me });
    partyEvent(f, me, 'EventDialing', { AttributeDialedNumber: number });
    ring(f, T.ring);
    f.setState(ext, PartyState.Connected);
    partyEvent(f, me, 'EventEstablished');
    f.setState(me, PartyState.Connected);
    f.wait(T.talk);
    endCall(f, call, me);
  },
};
