// The Stat Server link client: one connection at a time, to the server in primary mode (primary
// endpoint first), CurrentState and CurrentStateReason opened for every agent in scope. A silent server
// is found by heartbeat; then the client moves to the other endpoint and re-opens everything there, and
// the Immediate notification re-sends every agent's full state.
import { connect, type Socket } from 'node:net';
import type { Logger } from '../../core/logger.ts';
import { limitedWarn, type LimitedWarn } from '../../core/repeat-limiter.ts';
import {
  encodeLine,
  LineDecoder,
  parseServerMessage,
  SUBJECT_OF,
  toEpochMs,
  type AgentStatusTree,
  type ClientMessage,
  type ServerMessage,
  type ServerMode,
  type StatCategory,
} from './protocol.ts';

export interface StatEndpoint {
  host: string;
  port: number;
}
export type EndpointName = 'primary' | 'backup';

export interface StatUpdate {
  employeeId: string;
  category: StatCategory;
  tree: AgentStatusTree;
  /** Stat Server time of the change (epoch ms); for the first value after an open, when the agent entered its state. */
  timeMs: number;
  /** The first value after the statistic was opened (a full-state re-sync, not a live change). */
  initial: boolean;
}

export interface StatLinkHandlers {
  update(u: StatUpdate): void;
  statError?(employeeId: string, category: StatCategory, code: number, message: string): void;
  malformed?(reason: string): void;
  /** Now active on this endpoint (after every switch). */
  active?(endpoint: EndpointName, mode: ServerMode): void;
  lost?(endpoint: EndpointName, why: string): void;
}

export interface StatLinkOptions {
  primary: StatEndpoint;
  backup?: StatEndpoint | undefined;
  tenant: string;
  logger: Logger;
  handlers: StatLinkHandlers;
  heartbeatIntervalMs?: number;
  /** No data for this long (Pong included) and the server is dead. */
  heartbeatTimeoutMs?: number;
  connectTimeoutMs?: number;
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** After EventError, the agent's statistics are opened again this much later (0: never). */
  reopenAfterErrorMs?: number;
}

interface OpenStat {
  employeeId: string;
  category: StatCategory;
  opened: boolean;
  seenInfo: boolean;
}

interface Session {
  endpoint: EndpointName;
  socket: Socket;
  mode?: ServerMode;
  active: boolean;
  lastSeen: number;
  refs: Map<number, OpenStat>;
  byAgent: Map<string, number[]>;
  timer?: NodeJS.Timeout;
}

export interface EndpointStatus {
  state: 'active' | 'connected' | 'down' | 'unknown';
  detail?: string;
}

const CATEGORIES: readonly StatCategory[] = ['CurrentState', 'CurrentStateReason'];

export class StatLinkClient {
  private readonly agents = new Set<string>();
  private session: Session | undefined;
  /** Times we left a server for being in backup mode since the last activation. */
  private bounces = 0;
  private nextRef = 1;
  private nextPing = 1;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private delay: number;
  /** When the other endpoint last failed us: then a server in backup mode is accepted. */
  private readonly lastFailure: Record<EndpointName, number> = { primary: 0, backup: 0 };
  private readonly status: Record<EndpointName, EndpointStatus> = {
    primary: { state: 'unknown' },
    backup: { state: 'unknown' },
  };
  private readonly o: Required<Omit<StatLinkOptions, 'backup'>> & { backup?: StatEndpoint | undefined };
  /** A hostile server must not flood the log: bad messages are counted past a few per minute. */
  private readonly warnMalformed: LimitedWarn;

  constructor(opts: StatLinkOptions) {
    this.o = {
      heartbeatIntervalMs: 1000,
      heartbeatTimeoutMs: 3000,
      connectTimeoutMs: 1500,
      reconnectDelayMs: 200,
      maxReconnectDelayMs: 2000,
      reopenAfterErrorMs: 30_000,
      ...opts,
    };
    this.delay = this.o.reconnectDelayMs;
    this.warnMalformed = limitedWarn(this.o.logger);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connectTo('primary');
  }

  async stop(): Promise<void> {
    this.warnMalformed.flush();
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const s = this.session;
    this.session = undefined;
    if (s) {
      clearInterval(s.timer);
      await new Promise<void>((resolve) => {
        s.socket.once('close', () => resolve());
        s.socket.destroy();
      });
    }
  }

  /** The agents in scope (employee ids): opens what is new, closes what left. */
  setAgents(employeeIds: Iterable<string>): void {
    const next = new Set(employeeIds);
    for (const id of [...this.agents]) {
      if (!next.has(id)) {
        this.agents.delete(id);
        this.closeAgent(id);
      }
    }
    for (const id of next) {
      if (!this.agents.has(id)) {
        this.agents.add(id);
        if (this.session?.active) this.openAgent(this.session, id);
      }
    }
  }

  get activeEndpoint(): EndpointName | undefined {
    return this.session?.active ? this.session.endpoint : undefined;
  }

  endpointStatus(name: EndpointName): EndpointStatus {
    return { ...this.status[name] };
  }

  hasBackup(): boolean {
    return this.o.backup !== undefined;
  }

  private other(name: EndpointName): EndpointName {
    return name === 'primary' && this.o.backup ? 'backup' : 'primary';
  }

  private connectTo(name: EndpointName): void {
    if (this.stopped) return;
    const ep = name === 'primary' ? this.o.primary : (this.o.backup ?? this.o.primary);
    const socket = connect({ host: ep.host, port: ep.port });
    socket.setNoDelay(true);
    const session: Session = {
      endpoint: name,
      socket,
      active: false,
      lastSeen: Date.now(),
      refs: new Map(),
      byAgent: new Map(),
    };
    this.session = session;
    const decoder = new LineDecoder();
    let ended = false;
    const connectTimer = setTimeout(
      () => fail(`no connection within ${this.o.connectTimeoutMs} ms`),
      this.o.connectTimeoutMs,
    );
    const fail = (why: string, failure = true): void => {
      if (ended) return;
      ended = true;
      clearTimeout(connectTimer);
      clearInterval(session.timer);
      socket.destroy();
      if (this.session !== session) return;
      this.session = undefined;
      this.status[name] = failure ? { state: 'down', detail: why } : { state: 'unknown', detail: why };
      if (failure) this.lastFailure[name] = Date.now();
      this.o.logger.warn({ endpoint: name, host: ep.host, port: ep.port, why }, 'Stat Server link lost');
      this.o.handlers.lost?.(name, why);
      this.scheduleReconnect(this.other(name), session.active);
    };
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      session.lastSeen = Date.now();
      this.status[name] = { state: 'connected' };
      session.timer = setInterval(() => this.heartbeat(session, fail), this.o.heartbeatIntervalMs);
      session.timer.unref();
    });
    socket.on('data', (chunk: Buffer) => {
      session.lastSeen = Date.now();
      const { lines, tooLong } = decoder.push(chunk);
      for (let i = 0; i < tooLong; i++) this.malformed(name, 'line too long');
      for (const line of lines) {
        const parsed = parseServerMessage(line);
        if (!parsed.ok) this.malformed(name, parsed.error, line);
        else this.handle(session, parsed.message, fail);
        if (ended) return;
      }
    });
    socket.on('error', (err) => fail(err.message));
    socket.on('close', () => fail('connection closed'));
  }

  private scheduleReconnect(next: EndpointName, wasActive: boolean): void {
    if (this.stopped) return;
    // Straight to the other server after losing an active link; back off while both keep failing.
    const wait = wasActive ? 0 : this.delay;
    this.delay = wasActive ? this.o.reconnectDelayMs : Math.min(this.delay * 2, this.o.maxReconnectDelayMs);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connectTo(next), wait);
  }

  private heartbeat(session: Session, fail: (why: string) => void): void {
    const silent = Date.now() - session.lastSeen;
    if (silent > this.o.heartbeatTimeoutMs) {
      fail(`no answer to heartbeat for ${silent} ms`);
      return;
    }
    this.send(session, { request: 'Ping', id: this.nextPing++ });
  }

  private malformed(endpoint: EndpointName, reason: string, line?: string): void {
    this.warnMalformed(
      `malformed:${endpoint}`,
      { endpoint, reason, line: line?.slice(0, 200) },
      'malformed Stat Server message skipped',
    );
    this.o.handlers.malformed?.(reason);
  }

  private handle(session: Session, m: ServerMessage, fail: (why: string, failure?: boolean) => void): void {
    switch (m.event) {
      case 'EventServerMode':
        return this.onMode(session, m.mode, fail);
      case 'Pong':
        return;
      case 'EventStatisticOpened': {
        const ref = session.refs.get(m.referenceId);
        if (ref) ref.opened = true;
        return;
      }
      case 'EventError': {
        const ref = session.refs.get(m.referenceId);
        if (!ref) return;
        this.forget(session, m.referenceId);
        this.o.logger.warn(
          { employeeId: ref.employeeId, category: ref.category, code: m.code, error: m.message },
          'Stat Server refused a statistic',
        );
        this.o.handlers.statError?.(ref.employeeId, ref.category, m.code, m.message);
        this.scheduleReopen(session, ref.employeeId);
        return;
      }
      case 'EventInfo': {
        const ref = session.refs.get(m.referenceId);
        if (!ref || m.stateValue.agentId !== ref.employeeId) {
          if (ref)
            this.malformed(
              session.endpoint,
              `EventInfo for ${m.stateValue.agentId} on the statistic of ${ref.employeeId}`,
            );
          return;
        }
        const initial = !ref.seenInfo;
        ref.seenInfo = true;
        ref.opened = true;
        const timeMs =
          initial && m.stateValue.time !== undefined ? toEpochMs(m.stateValue.time) : toEpochMs(m.time);
        this.o.handlers.update({
          employeeId: ref.employeeId,
          category: ref.category,
          tree: m.stateValue,
          timeMs,
          initial,
        });
        return;
      }
    }
  }

  private onMode(session: Session, mode: ServerMode, fail: (why: string, failure?: boolean) => void): void {
    session.mode = mode;
    const other = this.other(session.endpoint);
    const otherDown = other === session.endpoint || Date.now() - this.lastFailure[other] < 10_000;
    if (mode === 'backup' && this.bounces === 0 && !otherDown) {
      // The other server should be the primary now: go there. If it is not, the next bounce stays.
      this.bounces++;
      fail('server is in backup mode', false);
      return;
    }
    this.status[session.endpoint] = { state: 'active', detail: mode };
    if (session.active) return;
    session.active = true;
    this.bounces = 0;
    this.delay = this.o.reconnectDelayMs;
    this.o.logger.info(
      { endpoint: session.endpoint, mode, agents: this.agents.size },
      'Stat Server link active',
    );
    this.o.handlers.active?.(session.endpoint, mode);
    for (const id of this.agents) this.openAgent(session, id);
  }

  private openAgent(session: Session, employeeId: string): void {
    const refs: number[] = [];
    for (const category of CATEGORIES) {
      const referenceId = this.nextRef++;
      refs.push(referenceId);
      session.refs.set(referenceId, { employeeId, category, opened: false, seenInfo: false });
      this.send(session, {
        request: 'RequestOpenStatisticEx',
        referenceId,
        object: { type: 'Agent', id: employeeId, tenant: this.o.tenant },
        metric: { category, subject: SUBJECT_OF[category] },
        notification: 'Immediate',
      });
    }
    session.byAgent.set(employeeId, refs);
  }

  private readonly reopening = new Set<string>();

  /** The Stat Server may learn the agent later (a new person): try again, once per agent at a time. */
  private scheduleReopen(session: Session, employeeId: string): void {
    if (!this.o.reopenAfterErrorMs || this.reopening.has(employeeId)) return;
    this.reopening.add(employeeId);
    setTimeout(() => {
      this.reopening.delete(employeeId);
      if (this.session !== session || !session.active || !this.agents.has(employeeId)) return;
      this.closeAgent(employeeId);
      this.openAgent(session, employeeId);
    }, this.o.reopenAfterErrorMs).unref();
  }

  private closeAgent(employeeId: string): void {
    const session = this.session;
    if (!session) return;
    for (const referenceId of session.byAgent.get(employeeId) ?? []) {
      if (session.refs.has(referenceId))
        this.send(session, { request: 'RequestCloseStatistic', referenceId });
      session.refs.delete(referenceId);
    }
    session.byAgent.delete(employeeId);
  }

  private forget(session: Session, referenceId: number): void {
    session.refs.delete(referenceId);
  }

  private send(session: Session, m: ClientMessage): void {
    if (!session.socket.destroyed && session.socket.writable) session.socket.write(encodeLine(m));
  }
}
