// The snapshot of an ended conversation that its recordings are linked against: taken from the chain (and
// its journal) when the call ends, stored in Redis beside the segments, so that it outlives the tracker's
// state (which is dropped a minute after the end) for as long as MCP or GIR may still report segments.
import type { Purpose } from '../core/model.ts';
import type { JournaledChain } from './journal.ts';

export interface CommInfo {
  key: string;
  /** The communication id, which is also the participant id in what we send (see docs). */
  id: string;
  purpose: Purpose;
  dn?: string;
  userId?: string;
  queueId?: string;
  /** For an agent: the queue whose routing communication invited it (the origination queue). */
  originQueueId?: string;
  login?: string;
  employeeId?: string;
  startMs: number;
  answeredMs?: number;
  endMs?: number;
  /** Language-like user data of the call when the agent answered. */
  ud?: Record<string, string>;
}

export interface RecContext {
  chainKey: string;
  conversationId: string;
  mode: 'live' | 'suspended';
  /** Event time of the end. */
  endedMs: number;
  /** Every CallUUID of the conversation (main call, consults, other sites' legs). */
  calls: string[];
  /** In order of creation; the first is the conversation's first party. */
  comms: CommInfo[];
  /** Wall-clock time it was handed to the recording queue (GIR's fetch delay and duration count from it). */
  handedAtMs?: number;
}

export function contextOf(chain: JournaledChain): RecContext {
  const rec = chain.rec ?? { ud: {}, comms: {} };
  const parties = new Map<string, { login?: string; employeeId?: string }>();
  for (const call of Object.values(chain.calls ?? {}))
    for (const p of Object.values(call.parties ?? {}))
      parties.set(p.uuid, {
        ...(p.login ? { login: p.login } : {}),
        ...(p.employeeId ? { employeeId: p.employeeId } : {}),
      });
  const comms: CommInfo[] = [];
  for (const key of chain.commOrder ?? []) {
    const c = chain.comms[key];
    if (!c) continue;
    const j = rec.comms[key];
    const inviter = c.invitedBy ? chain.comms[c.invitedBy] : undefined;
    const origin = c.purpose === 'user' && inviter?.purpose === 'routing' ? inviter.queueId : undefined;
    const party = c.party ? parties.get(c.party) : undefined;
    comms.push({
      key,
      id: c.id,
      purpose: c.purpose,
      ...(c.dn ? { dn: c.dn } : {}),
      ...(c.userId ? { userId: c.userId } : {}),
      ...(c.queueId ? { queueId: c.queueId } : {}),
      ...(origin ? { originQueueId: origin } : {}),
      ...party,
      startMs: j?.startMs ?? chain.lastMs,
      ...(j?.answeredMs !== undefined ? { answeredMs: j.answeredMs } : {}),
      ...(j?.endMs !== undefined ? { endMs: j.endMs } : {}),
      ...(j?.ud ? { ud: j.ud } : {}),
    });
  }
  const calls = new Set<string>([chain.key, ...Object.values(chain.calls ?? {}).map((c) => c.uuid)]);
  return {
    chainKey: chain.key,
    conversationId: chain.conversationId,
    mode: chain.mode === 'suspended' ? 'suspended' : 'live',
    endedMs: chain.endedMs ?? chain.lastMs,
    calls: [...calls],
    comms,
  };
}
