// One Stat Server of the pair, serving the JSON link: answers opens with EventStatisticOpened and the
// agent's current tree (Immediate notification), pushes every change, answers Ping with Pong, and says
// its mode after connect and on every change. `hang()` plays a dead server: silent, no new connections.
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '../../../core/logger.ts';
import {
  encodeLine,
  eventTimeOf,
  LineDecoder,
  parseClientMessage,
  type ClientMessage,
  type ServerMessage,
  type ServerMode,
  type StatSubject,
} from '../../../engage/statserver/protocol.ts';
import { agentTree, type SimAgent } from './agent-model.ts';

export interface LinkServerDeps {
  host: string;
  port: number;
  mode: ServerMode;
  reasonKey: string;
  logger: Logger;
  /** The agent, created if the simulator accepts unknown agents; undefined means unknown. */
  agent(employeeId: string): SimAgent | undefined;
}

interface Client {
  socket: Socket;
  stats: Map<number, { employeeId: string; subject: StatSubject }>;
}

export const ERROR_UNKNOWN_AGENT = 1001;
export const ERROR_BAD_REQUEST = 1002;

export class StatLinkServer {
  private server: Server | undefined;
  private readonly clients = new Set<Client>();
  /** employeeId → (client, referenceId) pairs watching it. */
  private readonly watchers = new Map<string, Map<Client, Set<number>>>();
  private dead = false;
  mode: ServerMode;
  port: number;

  constructor(private readonly deps: LinkServerDeps) {
    this.mode = deps.mode;
    this.port = deps.port;
  }

  get alive(): boolean {
    return !this.dead;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async listen(): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.deps.host, () => resolve());
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    return this.port;
  }

  setMode(mode: ServerMode): void {
    this.mode = mode;
    if (!this.dead) for (const c of this.clients) this.write(c, { event: 'EventServerMode', mode });
  }

  /** The agent changed: every client watching it gets an EventInfo per statistic. */
  notify(agent: SimAgent, now = Date.now()): void {
    if (this.dead) return;
    const w = this.watchers.get(agent.employeeId);
    if (!w) return;
    for (const [client, refs] of w) {
      for (const referenceId of refs) {
        const stat = client.stats.get(referenceId);
        if (stat) this.sendInfo(client, referenceId, agent, stat.subject, now);
      }
    }
  }

  /** A dead server: stops answering, keeps the connections hanging and refuses new ones. */
  async hang(): Promise<void> {
    this.dead = true;
    await this.closeListener();
  }

  /** Back from the dead, in `mode`; the hung connections are dropped. */
  async restore(mode: ServerMode): Promise<void> {
    for (const c of this.clients) c.socket.destroy();
    this.clients.clear();
    this.watchers.clear();
    this.dead = false;
    this.mode = mode;
    await this.listen();
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.socket.destroy();
    this.clients.clear();
    await this.closeListener();
  }

  private async closeListener(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.dead) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const client: Client = { socket, stats: new Map() };
    this.clients.add(client);
    const decoder = new LineDecoder();
    this.write(client, { event: 'EventServerMode', mode: this.mode });
    socket.on('data', (chunk: Buffer) => {
      if (this.dead) return;
      const { lines } = decoder.push(chunk);
      for (const line of lines) {
        const parsed = parseClientMessage(line);
        if (parsed.ok) this.handle(client, parsed.message);
        else this.deps.logger.warn({ reason: parsed.error }, 'stat simulator: malformed request skipped');
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.clients.delete(client);
      for (const [id, w] of this.watchers) {
        w.delete(client);
        if (w.size === 0) this.watchers.delete(id);
      }
    });
  }

  private handle(client: Client, m: ClientMessage): void {
    switch (m.request) {
      case 'Ping':
        this.write(client, { event: 'Pong', id: m.id });
        return;
      case 'RequestCloseStatistic': {
        const stat = client.stats.get(m.referenceId);
        client.stats.delete(m.referenceId);
        if (stat) this.watchers.get(stat.employeeId)?.get(client)?.delete(m.referenceId);
        return;
      }
      case 'RequestOpenStatisticEx': {
        if (client.stats.has(m.referenceId)) {
          this.write(client, {
            event: 'EventError',
            referenceId: m.referenceId,
            code: ERROR_BAD_REQUEST,
            message: `referenceId ${m.referenceId} is already open`,
          });
          return;
        }
        const agent = this.deps.agent(m.object.id);
        if (!agent) {
          this.write(client, {
            event: 'EventError',
            referenceId: m.referenceId,
            code: ERROR_UNKNOWN_AGENT,
            message: `Agent '${m.object.id}' is not known in tenant '${m.object.tenant}'`,
          });
          return;
        }
        client.stats.set(m.referenceId, { employeeId: agent.employeeId, subject: m.metric.subject });
        let w = this.watchers.get(agent.employeeId);
        if (!w) this.watchers.set(agent.employeeId, (w = new Map()));
        let refs = w.get(client);
        if (!refs) w.set(client, (refs = new Set()));
        refs.add(m.referenceId);
        this.write(client, { event: 'EventStatisticOpened', referenceId: m.referenceId });
        this.sendInfo(client, m.referenceId, agent, m.metric.subject, Date.now());
        return;
      }
    }
  }

  private sendInfo(
    client: Client,
    referenceId: number,
    agent: SimAgent,
    subject: StatSubject,
    now: number,
  ): void {
    this.write(client, {
      event: 'EventInfo',
      referenceId,
      time: eventTimeOf(Math.max(now, agent.since)),
      stateValue: agentTree(agent, subject, this.deps.reasonKey),
    });
  }

  private write(client: Client, m: ServerMessage): void {
    if (!this.dead && client.socket.writable) client.socket.write(encodeLine(m));
  }
}
