// One simulated agent's state, as the pinned admin API speaks it (DESIGN §6), and the AgentStatus tree
// a Stat Server reports for it (pure).
import { z } from 'zod';
import { DnAction, highestPriority } from '../../../engage/statserver/codes.ts';
import type { AgentStatusTree, DnStatusNode, StatSubject } from '../../../engage/statserver/protocol.ts';

export const SIM_STATES = ['LoggedOut', 'Ready', 'NotReady', 'AfterCallWork'] as const;
export const SIM_CALLS = ['none', 'internal', 'inbound', 'outbound', 'consult', 'unknown'] as const;
export type SimState = (typeof SIM_STATES)[number];
export type SimCall = (typeof SIM_CALLS)[number];

/** Body of `PUT /agents/{employeeId}`; `held` is our addition (a held call hides its type). */
export const agentStateBody = z.object({
  state: z.enum(SIM_STATES),
  reason: z.string().max(200).optional(),
  call: z.enum(SIM_CALLS).default('none'),
  held: z.boolean().optional(),
});
export type AgentStateInput = z.infer<typeof agentStateBody>;

export interface SimAgent {
  employeeId: string;
  state: SimState;
  reason?: string;
  call: SimCall;
  held: boolean;
  /** Epoch ms of the last change. */
  since: number;
  /** When the current call began: its ConnID, which a hold or a retrieve keeps (as in Engage). */
  callSince?: number;
  pinned: boolean;
}

const STATE_ACTION: Record<Exclude<SimState, 'LoggedOut'>, number> = {
  Ready: DnAction.WaitForNextCall,
  NotReady: DnAction.NotReadyForNextCall,
  AfterCallWork: DnAction.AfterCallWork,
};
const CALL_ACTION: Record<Exclude<SimCall, 'none'>, number> = {
  internal: DnAction.CallInternal,
  inbound: DnAction.CallInbound,
  outbound: DnAction.CallOutbound,
  consult: DnAction.CallConsult,
  unknown: DnAction.CallUnknown,
};

export function newAgent(employeeId: string, now: number): SimAgent {
  return { employeeId, state: 'LoggedOut', call: 'none', held: false, since: now, pinned: false };
}

export function applyInput(agent: SimAgent, input: AgentStateInput, now: number, pin: boolean): SimAgent {
  const reason = input.state === 'LoggedOut' ? undefined : input.reason;
  const call = input.state === 'LoggedOut' ? 'none' : input.call;
  const callSince = call === 'none' ? undefined : call === agent.call ? (agent.callSince ?? now) : now;
  return {
    employeeId: agent.employeeId,
    state: input.state,
    ...(reason !== undefined ? { reason } : {}),
    call,
    held: call !== 'none' && input.held === true,
    since: now,
    ...(callSince !== undefined ? { callSince } : {}),
    pinned: pin || agent.pinned,
  };
}

/** The tree for one statistic: reasons only in CurrentStateReason, on the status they explain. */
export function agentTree(
  agent: SimAgent,
  subject: StatSubject,
  reasonKey: string,
  dn = { dnId: `ext${agent.employeeId}`, switchId: 'SIP_Switch' },
): AgentStatusTree {
  const time = agent.since / 1000;
  if (agent.state === 'LoggedOut') {
    return {
      agentId: agent.employeeId,
      loginId: `login${agent.employeeId}`,
      status: DnAction.LoggedOut,
      time,
      place: null,
    };
  }
  // The subject, not the category, decides the content: DNAction carries the actions' reasons
  // (CurrentStateReason is opened with it, seed 003), DNStatus only the statuses.
  const withReason = subject === 'DNAction' && agent.reason !== undefined;
  const actions: DnStatusNode['actions'] = [
    {
      action: STATE_ACTION[agent.state],
      time,
      ...(withReason ? { reasons: { [reasonKey]: agent.reason as string } } : {}),
    },
  ];
  if (agent.call !== 'none') {
    actions.push({
      action: agent.held ? DnAction.CallOnHold : CALL_ACTION[agent.call],
      time,
      connId: connIdOf(agent),
    });
  }
  const status = highestPriority(actions.map((a) => a.action)) ?? DnAction.WaitForNextCall;
  return {
    agentId: agent.employeeId,
    loginId: `login${agent.employeeId}`,
    status,
    time,
    place: {
      placeId: `place${agent.employeeId}`,
      status,
      dnStatuses: [{ ...dn, dnType: 'Extension', status, time, actions }],
    },
  };
}

function connIdOf(agent: SimAgent): string {
  return (BigInt(agent.callSince ?? agent.since) * 7919n).toString(16).padStart(16, '0').slice(-16);
}

/** What GET /agents/{employeeId} answers. */
export function agentView(agent: SimAgent): Record<string, unknown> {
  return {
    employeeId: agent.employeeId,
    state: agent.state,
    ...(agent.reason !== undefined ? { reason: agent.reason } : {}),
    call: agent.call,
    held: agent.held,
    pinned: agent.pinned,
    since: new Date(agent.since).toISOString(),
  };
}
