// The shell of sip-follow.ts: a T-Lib link to the SIP Server simulator, registered on the followed
// agents' extensions; every event that changes an agent's state is handed to the simulator.
import type { Logger } from '../../../core/logger.ts';
import { attrString } from '../../../engage/tlib/model/access.ts';
import { createTlibLink } from '../../../engage/tlib/link/link.ts';
import type { AgentStateInput } from './agent-model.ts';
import { followedAgent, followedInput, followEvent, type FollowedAgent } from './sip-follow.ts';

export interface FollowSipOptions {
  servers: string;
  agents: readonly { employeeId: string; extension: string }[];
  heartbeatMs?: number;
  logger: Logger;
  change(employeeId: string, input: AgentStateInput): void;
}

export interface SipFollower {
  /** Resolves once the link is registered on the followed extensions of every server. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function followSipServer(o: FollowSipOptions): SipFollower {
  const byExtension = new Map(o.agents.map((a) => [a.extension, a.employeeId]));
  const state = new Map<string, FollowedAgent>();
  const shown = new Map<string, string>();
  // Logged in and ready until the SIP Server says otherwise (its scenarios only report ACW and Ready).
  for (const a of o.agents) {
    state.set(a.employeeId, followedAgent());
    o.change(a.employeeId, followedInput(followedAgent()));
  }
  const link = createTlibLink({
    servers: o.servers,
    dns: [...byExtension.keys()],
    callMonitoring: false,
    heartbeatMs: o.heartbeatMs ?? 2000,
    logger: o.logger,
    name: 'stat-sim',
    onEvent(event) {
      const employeeId = byExtension.get(attrString(event, 'AttributeThisDN') ?? '');
      if (!employeeId) return;
      const prev = state.get(employeeId) ?? followedAgent();
      const next = followEvent(prev, event);
      if (next === prev) return;
      state.set(employeeId, next);
      const input = followedInput(next);
      const key = JSON.stringify(input);
      if (shown.get(employeeId) === key) return;
      shown.set(employeeId, key);
      o.change(employeeId, input);
    },
  });
  return {
    ready: (timeoutMs) => link.ready({ all: true, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }),
    close: () => link.close(),
  };
}
