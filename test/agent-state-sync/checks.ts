// What the EXAS end-to-end tests and the benchmark check: waiting, the seed's table written out on its
// own, the org against the simulator, per-agent order, and a driver of the simulator's schedule.
import type { StatServerSimulator } from '../../src/lab/engage/stat-server/simulator.ts';
export { until } from '../harness/index.ts';
import type { ExasLab, OrgUser } from './lab.ts';
import type { RecordedEvent } from './stubs.ts';

interface SimView {
  state: string;
  reason?: string;
  call: string;
  /** In ACW: the state the agent left for it, as the simulator recorded it. */
  beforeAcw?: { state: string; reason?: string; call: string };
}

/** Every agent's simulator state, wherever the simulator runs. */
export async function simStates(lab: ExasLab): Promise<Map<string, SimView>> {
  if (!lab.simInProcess) {
    const r = (await (await fetch(`${lab.sim.adminUrl}/agents`)).json()) as {
      agents: (SimView & { employeeId: string })[];
    };
    return new Map(r.agents.map((a) => [a.employeeId, a]));
  }
  return new Map(lab.sim.agents().map((a) => [a.employeeId, a]));
}

export async function orgUsers(url: string): Promise<(OrgUser & { externalId: string })[]> {
  const r = await fetch(`${url}/__emulator/org`);
  return ((await r.json()) as { users: (OrgUser & { externalId: string })[] }).users;
}

/**
 * The seed's table, written out independently of the reducer: what Genesys Cloud should show. In ACW the
 * presence stays what the state before it showed (`beforeAcw`, recorded by the simulator).
 */
export function expectedOf(a: SimView): { presence: string; routingStatus: string } {
  const callRouting = a.call === 'none' ? undefined : a.call === 'internal' ? 'Communicating' : 'Interacting';
  const named = ['Break', 'Meal', 'Meeting', 'Training'].find(
    (p) => p.toLowerCase() === a.reason?.trim().toLowerCase(),
  );
  switch (a.state) {
    case 'LoggedOut':
      return { presence: 'Offline', routingStatus: 'OffQueue' };
    case 'Ready':
      return { presence: 'OnQueue', routingStatus: callRouting ?? 'Idle' };
    case 'NotReady':
      return {
        presence: a.call === 'none' ? (named ?? 'Busy') : 'Busy',
        routingStatus: callRouting ?? 'OffQueue',
      };
    default: {
      // With no state before it (the simulator started the agent in ACW): docs/agent-state-sync.md says OnQueue.
      const before = a.beforeAcw ? expectedOf(a.beforeAcw).presence : 'OnQueue';
      return { presence: before, routingStatus: callRouting ?? 'Interacting' };
    }
  }
}

/** Drives unpinned agents through the simulator's own schedule at `perSecond` changes for `durationMs`. */
export async function driveSchedule(
  sim: StatServerSimulator,
  agents: readonly string[],
  perSecond: number,
  durationMs: number,
  random: () => number = Math.random,
): Promise<number> {
  const { nextScheduledState } = await import('../../src/lab/engage/stat-server/schedule.ts');
  const end = Date.now() + durationMs;
  let changes = 0;
  const tick = 20;
  let carry = 0;
  while (Date.now() < end) {
    carry += (perSecond * tick) / 1000;
    for (; carry >= 1; carry--) {
      const id = agents[Math.floor(random() * agents.length)] as string;
      const a = sim.getAgent(id);
      if (a) sim.setAgent(id, nextScheduledState(a, random), { pin: false });
      changes++;
    }
    await new Promise((r) => setTimeout(r, tick));
  }
  return changes;
}

/** Every agent's state in the org equals what its final simulator state maps to (ACW: routing only). */
export async function orgMatchesSimulator(lab: ExasLab): Promise<{ ok: boolean; wrong: string[] }> {
  const [users, states] = await Promise.all([lab.org(), simStates(lab)]);
  const org = new Map(users.map((u) => [u.id, u]));
  const wrong: string[] = [];
  for (const [employeeId, userId] of lab.userOf) {
    const a = states.get(employeeId);
    const u = org.get(userId);
    if (!a || !u) continue;
    const want = expectedOf(a);
    if (u.presence?.systemPresence !== want.presence || u.routingStatus?.status !== want.routingStatus)
      wrong.push(
        `${employeeId}: ${a.state}/${a.reason ?? '-'}/${a.call} → org ${u.presence?.systemPresence}/${u.routingStatus?.status}, want ${want.presence}/${want.routingStatus}`,
      );
  }
  return { ok: wrong.length === 0, wrong };
}

/** Per user and type, the events Genesys Cloud accepted were sent in strictly increasing time order. */
export function outOfOrder(events: readonly RecordedEvent[]): string[] {
  const last = new Map<string, string>();
  const bad: string[] = [];
  for (const e of events) {
    if (e.status !== 200 || e.rejected) continue;
    const k = `${e.type}:${e.userId}`;
    const prev = last.get(k);
    if (prev !== undefined && prev >= e.eventDateTime) bad.push(`${k}: ${e.eventDateTime} after ${prev}`);
    last.set(k, e.eventDateTime);
  }
  return bad;
}
