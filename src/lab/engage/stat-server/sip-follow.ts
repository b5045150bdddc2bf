// When the SIP Server simulator runs too, agents' states follow the calls it gives them (pure): the agent
// events (login, ready, not ready with reasons, ACW, logout) and the call events on the agent's extension
// (established, held, retrieved, released, party changed) turn into the simulator's agent states.
import { attr, attrInt, attrString, kvString } from '../../../engage/tlib/model/access.ts';
import type { KVList, TMessage } from '../../../engage/tlib/model/types.ts';
import type { AgentStateInput, SimCall, SimState } from './agent-model.ts';

/** T-Lib's TCallType → the simulator's call kinds. */
const CALL_TYPE: Record<number, SimCall> = {
  0: 'unknown',
  1: 'internal',
  2: 'inbound',
  3: 'outbound',
  4: 'consult',
};
const AFTER_CALL_WORK = 3; // TAgentWorkMode.AfterCallWork

export interface FollowedAgent {
  state: SimState;
  reason?: string;
  /** Calls on the agent's extension by ConnID, in the order they started. */
  calls: Map<string, { call: SimCall; held: boolean }>;
}

export const followedAgent = (): FollowedAgent => ({ state: 'Ready', calls: new Map() });

const kv = (m: TMessage, name: string): KVList | undefined => {
  const v = attr(m, name);
  return Array.isArray(v) ? v : undefined;
};

/** The agent after one T-Lib event on its extension (the same object when nothing changed). */
export function followEvent(a: FollowedAgent, m: TMessage): FollowedAgent {
  const connId = attrString(m, 'AttributeConnID');
  const calls = new Map(a.calls);
  const next = (state: SimState, reason?: string): FollowedAgent => ({
    state,
    ...(reason ? { reason } : {}),
    calls,
  });
  switch (m.name) {
    case 'EventAgentLogin':
      return next('NotReady');
    case 'EventAgentLogout':
      calls.clear();
      return next('LoggedOut');
    case 'EventAgentReady':
      return next('Ready');
    case 'EventAgentNotReady': {
      if (attrInt(m, 'AttributeAgentWorkMode') === AFTER_CALL_WORK) return next('AfterCallWork');
      const reason =
        kvString(kv(m, 'AttributeReason'), 'ReasonCode') ??
        kvString(kv(m, 'AttributeExtensions'), 'ReasonCode');
      return next('NotReady', reason);
    }
    case 'EventEstablished':
      if (!connId) return a;
      calls.set(connId, { call: CALL_TYPE[attrInt(m, 'AttributeCallType') ?? 0] ?? 'unknown', held: false });
      return { ...a, calls };
    case 'EventHeld':
    case 'EventRetrieved': {
      const c = connId ? calls.get(connId) : undefined;
      if (!c || !connId) return a;
      calls.set(connId, { ...c, held: m.name === 'EventHeld' });
      return { ...a, calls };
    }
    case 'EventReleased':
    case 'EventAbandoned':
      if (!connId || !calls.delete(connId)) return a;
      return { ...a, calls };
    case 'EventPartyChanged': {
      const prev = attrString(m, 'AttributePreviousConnID');
      const c = prev ? calls.get(prev) : undefined;
      if (!prev || !c || !connId) return a;
      calls.delete(prev);
      calls.set(connId, { ...c, call: CALL_TYPE[attrInt(m, 'AttributeCallType') ?? -1] ?? c.call });
      return { ...a, calls };
    }
    default:
      return a;
  }
}

/** The admin-API form of a followed agent: the call shown is the one not on hold, else the newest. */
export function followedInput(a: FollowedAgent): AgentStateInput {
  const calls = [...a.calls.values()];
  const shown = calls.find((c) => !c.held) ?? calls.at(-1);
  return {
    state: a.state,
    ...(a.reason ? { reason: a.reason } : {}),
    call: shown?.call ?? 'none',
    ...(shown?.held ? { held: true } : {}),
  };
}
