// The Stat Server simulator: a primary and a backup serving the JSON link, agents driven by the admin
// API (pinned) or by their own schedule, switchover / kill / restore of the primary.
import { silentLogger, type Logger } from '../../../core/logger.ts';
import type { ServerMode } from '../../../engage/statserver/protocol.ts';
import { createAdminApp } from './admin.ts';
import { applyInput, newAgent, type AgentStateInput, type SimAgent } from './agent-model.ts';
import { StatLinkServer } from './link-server.ts';
import { nextScheduledState } from './schedule.ts';
import { followSipServer } from './sip-link.ts';

export interface StatServerSimulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  backupPort?: number;
  adminPort?: number;
  adminHost?: string;
  /** Agents that exist from the start (logged out). */
  agents?: Iterable<string>;
  /** Open of an unknown agent: create it (default) or answer EventError. */
  acceptUnknownAgents?: boolean;
  /** State changes per second across all unpinned agents (0: none; the admin API still works). */
  changesPerSecond?: number;
  reasonKey?: string;
  logger?: Logger;
  random?: () => number;
  /**
   * Follow the SIP Server simulator: these agents' states come from the calls it gives them (T-Lib link
   * to `servers`, `host:port/host:port`), not from the schedule. A pin still wins.
   */
  sip?: {
    servers: string;
    agents: readonly { employeeId: string; extension: string }[];
    heartbeatMs?: number;
  };
}

export interface StatServerSimulator {
  primaryPort: number;
  backupPort: number;
  adminUrl: string;
  setAgent(employeeId: string, input: AgentStateInput, opts?: { pin?: boolean }): SimAgent;
  getAgent(employeeId: string): SimAgent | undefined;
  agents(): SimAgent[];
  switchover(): Promise<unknown>;
  killPrimary(): Promise<unknown>;
  restorePrimary(): Promise<unknown>;
  /** `count` unpinned agents each take their next scheduled state, now (round robin). */
  burst(count: number): number;
  /** The schedule's rate (changes per second across unpinned agents). */
  setRate(changesPerSecond: number): void;
  /** With `sip`: resolves once the link to the SIP Server is registered (at once without `sip`). */
  sipReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStatServerSimulator(
  opts: StatServerSimulatorOptions = {},
): Promise<StatServerSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const logger = opts.logger ?? silentLogger();
  const reasonKey = opts.reasonKey ?? 'ReasonCode';
  const random = opts.random ?? Math.random;
  const acceptUnknown = opts.acceptUnknownAgents !== false;
  const agents = new Map<string, SimAgent>();
  for (const id of opts.agents ?? []) agents.set(id, newAgent(id, Date.now()));

  const lookup = (id: string): SimAgent | undefined => {
    let a = agents.get(id);
    if (!a && acceptUnknown) agents.set(id, (a = newAgent(id, Date.now())));
    return a;
  };
  const deps = { host, reasonKey, logger, agent: lookup };
  const servers = [
    new StatLinkServer({ ...deps, port: opts.port ?? 0, mode: 'primary' }),
    new StatLinkServer({ ...deps, port: opts.backupPort ?? 0, mode: 'backup' }),
  ] as const;
  await servers[0].listen();
  await servers[1].listen();

  const change = (id: string, input: AgentStateInput, pin: boolean): SimAgent => {
    const prev = agents.get(id) ?? newAgent(id, Date.now());
    // Strictly increasing times per agent, so two changes in one millisecond keep their order.
    const now = Math.max(Date.now(), prev.since + 1);
    const next = applyInput(prev, input, now, pin);
    agents.set(id, next);
    for (const s of servers) s.notify(next, now);
    return next;
  };

  const followed = new Set(opts.sip?.agents.map((a) => a.employeeId) ?? []);
  const sipLink = opts.sip
    ? followSipServer({
        ...opts.sip,
        logger,
        change(employeeId, input) {
          if (!agents.get(employeeId)?.pinned) change(employeeId, input, false);
        },
      })
    : undefined;
  let rate = opts.changesPerSecond ?? 0;
  const tickMs = 20;
  let carry = 0;
  const timer = setInterval(() => {
    if (rate <= 0) return;
    const pool = [...agents.values()].filter((a) => !a.pinned && !followed.has(a.employeeId));
    carry += (rate * tickMs) / 1000;
    for (; carry >= 1 && pool.length; carry--) {
      const a = pool[Math.floor(random() * pool.length)] as SimAgent;
      const cur = agents.get(a.employeeId) ?? a;
      change(cur.employeeId, nextScheduledState(cur, random), false);
    }
    if (!pool.length) carry = 0;
  }, tickMs);
  timer.unref();

  const inMode = (mode: ServerMode) => servers.find((s) => s.alive && s.mode === mode);
  const status = () => ({
    servers: servers.map((s, i) => ({
      name: i === 0 ? 'primary' : 'backup',
      port: s.port,
      mode: s.mode,
      alive: s.alive,
      clients: s.clientCount,
    })),
    agents: agents.size,
    changesPerSecond: rate,
  });
  const controls = {
    setAgent: (id: string, input: AgentStateInput, o: { pin?: boolean } = {}) =>
      change(id, input, o.pin !== false),
    getAgent: (id: string) => agents.get(id),
    allAgents: () => [...agents.values()],
    agents: () => [...agents.values()],
    unpin: (id: string) => {
      const a = agents.get(id);
      if (a) agents.set(id, { ...a, pinned: false });
      return agents.get(id);
    },
    async switchover() {
      for (const s of servers) if (s.alive) s.setMode(s.mode === 'primary' ? 'backup' : 'primary');
      logger.info('stat simulator: switchover');
      return status();
    },
    /** The server now in primary mode dies (silent, see link-server.ts); the other takes over. */
    async killPrimary() {
      const victim = inMode('primary');
      if (victim) {
        await victim.hang();
        servers.find((s) => s !== victim && s.alive)?.setMode('primary');
      }
      logger.info('stat simulator: primary killed');
      return status();
    },
    /** Dead servers come back in backup mode. */
    async restorePrimary() {
      for (const s of servers) if (!s.alive) await s.restore(inMode('primary') ? 'backup' : 'primary');
      return status();
    },
    status,
    setRate(changesPerSecond: number): void {
      rate = changesPerSecond;
    },
    burst(count: number): number {
      const pool = [...agents.values()].filter((a) => !a.pinned);
      let n = 0;
      for (; n < count && pool.length; n++) {
        const a = pool[burstCursor++ % pool.length] as SimAgent;
        const cur = agents.get(a.employeeId) ?? a;
        change(cur.employeeId, nextScheduledState(cur, random), false);
      }
      return n;
    },
  };
  let burstCursor = 0;

  const admin = createAdminApp(controls);
  const adminUrl = await admin.listen({ host: opts.adminHost ?? host, port: opts.adminPort ?? 0 });
  return {
    primaryPort: servers[0].port,
    backupPort: servers[1].port,
    adminUrl,
    setAgent: controls.setAgent,
    getAgent: controls.getAgent,
    agents: controls.agents,
    switchover: controls.switchover,
    killPrimary: controls.killPrimary,
    restorePrimary: controls.restorePrimary,
    burst: controls.burst,
    setRate: controls.setRate,
    sipReady: async (timeoutMs) => sipLink?.ready(timeoutMs),
    async stop() {
      clearInterval(timer);
      await sipLink?.close();
      await admin.close();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
