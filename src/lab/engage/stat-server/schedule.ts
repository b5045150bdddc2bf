// The simulator's own schedule (when no SIP Server simulator drives it): the next state of an agent, as
// a working day goes: log in, ready, calls of each type, hold, consult, ACW, not ready with the four
// mapped reasons and others, log out. Pure: the random source is a parameter.
import type { AgentStateInput, SimAgent } from './agent-model.ts';

export const SCHEDULE_REASONS = ['Break', 'Meal', 'Meeting', 'Training', 'Coffee', 'Coaching'] as const;

type Pick = <T>(weighted: [number, T][]) => T;

function picker(random: () => number): Pick {
  return <T>(weighted: [number, T][]): T => {
    const total = weighted.reduce((s, [w]) => s + w, 0);
    let r = random() * total;
    for (const [w, v] of weighted) {
      r -= w;
      if (r < 0) return v;
    }
    return (weighted[weighted.length - 1] as [number, T])[1];
  };
}

export function nextScheduledState(agent: SimAgent, random: () => number = Math.random): AgentStateInput {
  const pick = picker(random);
  const reason = (): string | undefined =>
    pick<string | undefined>([[3, undefined], ...SCHEDULE_REASONS.map((r): [number, string] => [1, r])]);
  const notReady = (): AgentStateInput => {
    const r = reason();
    return { state: 'NotReady', call: 'none', ...(r !== undefined ? { reason: r } : {}) };
  };
  const { state, call, held } = agent;
  if (state === 'LoggedOut') return { state: 'NotReady', call: 'none' };
  if (state === 'AfterCallWork') {
    return call !== 'none'
      ? { state, call: 'none' }
      : pick([
          [7, { state: 'Ready', call: 'none' }],
          [3, notReady()],
        ]);
  }
  if (call !== 'none') {
    if (held)
      return { state, call, ...(agent.reason !== undefined ? { reason: agent.reason } : {}), held: false };
    const keep = agent.reason !== undefined ? { reason: agent.reason } : {};
    return pick<AgentStateInput>([
      [2, { state, call, ...keep, held: true }],
      [1, { state, call: 'consult', ...keep }],
      [state === 'Ready' ? 5 : 1, { state: 'AfterCallWork', call: 'none' }],
      [2, { state, call: 'none', ...keep }],
    ]);
  }
  if (state === 'Ready') {
    return pick<AgentStateInput>([
      [45, { state, call: 'inbound' }],
      [15, { state, call: 'outbound' }],
      [10, { state, call: 'internal' }],
      [2, { state, call: 'unknown' }],
      [20, notReady()],
      [2, { state: 'LoggedOut', call: 'none' }],
    ]);
  }
  // Not Ready, no call
  const keep = agent.reason !== undefined ? { reason: agent.reason } : {};
  return pick<AgentStateInput>([
    [60, { state: 'Ready', call: 'none' }],
    [20, notReady()],
    [10, { state, call: 'internal', ...keep }],
    [4, { state, call: 'outbound', ...keep }],
    [5, { state: 'LoggedOut', call: 'none' }],
  ]);
}
