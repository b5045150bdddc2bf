// One simulated SIP Server (primary or backup of a pair): a TCP listener speaking the T-Lib JSON link.
// Every event it distributes takes the next number of its own sequence, so the two servers of a pair send
// the same events with different AttributeEventSequenceNumber values, each strictly increasing.
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '../../../../core/logger.ts';
import type { TLibBody } from '../scenarios/index.ts';
import { ClientSession, type ParsedRequest } from './session.ts';

export type ServerRole = 'primary' | 'backup';
const ROLE_NUMBER: Record<ServerRole, number> = { primary: 0, backup: 1 };

/** The JSON of a body without its message name: `{"message":…,"AttributeEventSequenceNumber":n,<rest>`. */
export interface PreparedEvent {
  head: string;
  rest: string;
  dn: string | null;
}

export function prepareEvent(body: TLibBody, dn: string | null): PreparedEvent {
  const { message, ...attrs } = body;
  const json = JSON.stringify(attrs);
  return {
    head: '{"message":' + JSON.stringify(message) + ',"AttributeEventSequenceNumber":',
    rest: json === '{}' ? '}' : ',' + json.slice(1),
    dn,
  };
}

function nowAttrs(): Record<string, number> {
  const us = Date.now() * 1000;
  return { AttributeTimeinSecs: Math.floor(us / 1_000_000), AttributeTimeinuSecs: us % 1_000_000 };
}

export class TlibServerNode {
  private server: Server | undefined;
  private readonly sessions = new Set<ClientSession>();
  private seq = 0;
  private nextSession = 1;
  /** Events distributed (to at least zero clients) since start. */
  distributed = 0;

  constructor(
    readonly name: string,
    public role: ServerRole,
    private readonly logger: Logger,
    private readonly host = '127.0.0.1',
    public port = 0,
  ) {}

  get alive(): boolean {
    return this.server !== undefined;
  }

  get clients(): number {
    return this.sessions.size;
  }

  async listen(): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    this.server = server;
    return this.port;
  }

  /** Stops listening and drops every client at once (a crash, or shutdown). */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sessions) s.socket.destroy();
    this.sessions.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const session = new ClientSession(socket, this.nextSession++, (s, r) => this.handle(s, r));
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    this.sendLink(session, 'EventLinkConnected', {});
    this.sendLink(session, 'EventServerInfo', this.serverInfo());
  }

  private serverInfo(): Record<string, unknown> {
    return {
      AttributeServerRole: ROLE_NUMBER[this.role],
      AttributeApplicationName: this.name,
      AttributeServerVersion: '8.1.103.95',
    };
  }

  /** A link-level event to one client (it takes a sequence number too: every event carries one). */
  private sendLink(s: ClientSession, message: string, attrs: Record<string, unknown>): void {
    s.write(JSON.stringify({ message, AttributeEventSequenceNumber: ++this.seq, ...attrs, ...nowAttrs() }));
  }

  private handle(s: ClientSession, r: ParsedRequest): void {
    if (!r.ok) {
      this.logger.debug({ server: this.name, client: s.id, error: r.error }, 'bad request');
      this.sendLink(s, 'EventError', { AttributeErrorCode: 40, AttributeErrorMessage: r.error });
      return;
    }
    const ref = r.referenceId !== undefined ? { AttributeReferenceID: r.referenceId } : {};
    const req = r.request;
    switch (req.request) {
      case 'RequestRegisterAddress':
        s.registered.add(req.AttributeThisDN);
        return this.sendLink(s, 'EventRegistered', { AttributeThisDN: req.AttributeThisDN, ...ref });
      case 'RequestUnregisterAddress':
        s.registered.delete(req.AttributeThisDN);
        return this.sendLink(s, 'EventUnregistered', { AttributeThisDN: req.AttributeThisDN, ...ref });
      case 'RequestStartCallMonitoring':
        s.monitoring = true;
        return this.sendLink(s, 'EventACK', ref);
      case 'RequestStopCallMonitoring':
        s.monitoring = false;
        return this.sendLink(s, 'EventACK', ref);
      case 'RequestQueryServer':
        return this.sendLink(s, 'EventServerInfo', { ...this.serverInfo(), ...ref });
    }
  }

  /** Distributes one event: numbered by this server, sent to the clients that asked for it. */
  distribute(ev: PreparedEvent): void {
    if (!this.server) return;
    this.distributed++;
    const line = ev.head + ++this.seq + ev.rest;
    for (const s of this.sessions) if (s.wants(ev.dn)) s.write(line);
  }

  /** A role change, told to every client (EventPrimaryChanged, then the new EventServerInfo). */
  setRole(role: ServerRole): void {
    if (role === this.role) return;
    this.role = role;
    for (const s of this.sessions) {
      this.sendLink(s, 'EventPrimaryChanged', { AttributeServerRole: ROLE_NUMBER[role] });
      this.sendLink(s, 'EventServerInfo', this.serverInfo());
    }
  }
}
