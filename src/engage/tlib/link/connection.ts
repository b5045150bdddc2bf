// One TCP connection of the link to one SIP Server: connects (and reconnects with exponential backoff),
// re-sends its registrations every time it is (re)connected and after EventPrimaryChanged, and declares
// the peer dead when nothing (not even the answer to its RequestQueryServer heartbeat) arrived in time.
import { connect, type Socket } from 'node:net';
import type { Logger } from '../../../core/logger.ts';
import type { TlibDecodeError } from '../codec/errors.ts';
import { attrInt } from '../model/access.ts';
import type { TMessage } from '../model/types.ts';
import { lineKey } from './dedup.ts';
import { decodeJsonLine } from '../codec/decode.ts';
import { LineReader } from './line-reader.ts';
import { endpointName, type Endpoint } from './servers.ts';

export interface ConnectionOptions {
  endpoint: Endpoint;
  /** The DNs to register: shared with the link, which may change it (addDns / removeDns). */
  dns: ReadonlySet<string>;
  callMonitoring: boolean;
  heartbeatMs: number;
  /** Silence longer than this means a dead peer (default: 2 × heartbeatMs + 1 s). */
  deadAfterMs?: number;
  backoff: { minMs: number; maxMs: number };
  logger: Logger;
  /** An event line (not a link-level one), still encoded, with its identity for de-duplication. */
  onEventLine(line: string, lineNo: number, key: string, c: TlibConnection): void;
  onMalformed(e: TlibDecodeError, c: TlibConnection): void;
  onState(c: TlibConnection, event: 'connected' | 'disconnected' | 'dead' | 'role'): void;
}

export type ServerRoleName = 'primary' | 'backup' | 'unknown';

const LINK_EVENTS = new Set([
  'EventLinkConnected',
  'EventLinkDisconnected',
  'EventServerInfo',
  'EventPrimaryChanged',
  'EventRegistered',
  'EventUnregistered',
  'EventACK',
  'EventError',
]);

export class TlibConnection {
  readonly name: string;
  role: ServerRoleName = 'unknown';
  connected = false;
  /** Requests sent and not yet answered; registered = connected and none pending. */
  private readonly pending = new Set<number>();
  private socket: Socket | undefined;
  private readonly reader: LineReader;
  private nextRef = 1;
  private backoffMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private lastHeard = 0;
  private closed = false;

  constructor(private readonly opts: ConnectionOptions) {
    this.name = endpointName(opts.endpoint);
    this.backoffMs = opts.backoff.minMs;
    this.reader = new LineReader(
      (line, lineNo) => this.line(line, lineNo),
      (lineNo, bytes) =>
        opts.onMalformed(
          {
            code: 'line-too-long',
            message: `${this.name}, line ${lineNo}: line of ${bytes} bytes is over the 1 MiB limit`,
            server: this.name,
            line: lineNo,
          },
          this,
        ),
    );
  }

  get registered(): boolean {
    return this.connected && this.pending.size === 0;
  }

  start(): void {
    this.closed = false;
    this.open();
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): void {
    if (this.closed) return;
    const socket = connect({ host: this.opts.endpoint.host, port: this.opts.endpoint.port });
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.once('connect', () => {
      this.connected = true;
      this.backoffMs = this.opts.backoff.minMs;
      this.lastHeard = Date.now();
      this.reader.reset();
      this.register();
      this.startHeartbeat();
      this.opts.onState(this, 'connected');
    });
    socket.on('data', (chunk: string) => {
      this.lastHeard = Date.now();
      this.reader.push(chunk);
    });
    socket.on('error', (err) =>
      this.opts.logger.debug({ server: this.name, err: err.message }, 'T-Lib link error'),
    );
    socket.once('close', () => this.lost(socket));
  }

  private lost(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    clearInterval(this.heartbeatTimer);
    const was = this.connected;
    this.connected = false;
    this.role = 'unknown';
    this.pending.clear();
    if (was) this.opts.onState(this, 'disconnected');
    if (this.closed) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.opts.backoff.maxMs, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private send(request: string, attrs: Record<string, unknown> = {}): void {
    const ref = this.nextRef++;
    this.pending.add(ref);
    this.socket?.write(JSON.stringify({ request, AttributeReferenceID: ref, ...attrs }) + '\n');
  }

  /** Registers (or unregisters) DNs now, when connected; a later connection registers the link's set. */
  registerDns(dns: readonly string[], register: boolean): void {
    if (!this.connected) return;
    const request = register ? 'RequestRegisterAddress' : 'RequestUnregisterAddress';
    for (const dn of dns) this.send(request, { AttributeThisDN: dn });
  }

  /** Registers every DN and starts call monitoring (again: the server may have lost them). */
  register(): void {
    for (const dn of this.opts.dns) this.send('RequestRegisterAddress', { AttributeThisDN: dn });
    if (this.opts.callMonitoring) this.send('RequestStartCallMonitoring');
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    const deadAfter = this.opts.deadAfterMs ?? this.opts.heartbeatMs * 2 + 1000;
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > deadAfter) {
        this.opts.logger.warn(
          { server: this.name, silentMs: Date.now() - this.lastHeard },
          'T-Lib peer is silent: dropping the connection',
        );
        this.opts.onState(this, 'dead');
        this.socket?.destroy();
        return;
      }
      // The answer (EventServerInfo) is only a sign of life: it is not tracked as pending.
      this.socket?.write(JSON.stringify({ request: 'RequestQueryServer' }) + '\n');
    }, this.opts.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  private line(line: string, lineNo: number): void {
    const k = lineKey(line);
    if (k && !LINK_EVENTS.has(k.name)) return this.opts.onEventLine(line, lineNo, k.key, this);
    const r = decodeJsonLine(line, { server: this.name, line: lineNo });
    if (!r.ok) return this.opts.onMalformed(r.error, this);
    const m = r.message;
    if (m.kind !== 'event') return;
    if (LINK_EVENTS.has(m.name)) return this.linkEvent(m);
    // An event whose name the quick reader missed (unusual spacing or escapes): the line is its identity.
    const key = line.replace(/"AttributeEventSequenceNumber"\s*:\s*"?[0-9a-fA-F]*"?\s*,?/, '');
    this.opts.onEventLine(line, lineNo, key, this);
  }

  private linkEvent(m: TMessage): void {
    const ref = attrInt(m, 'AttributeReferenceID');
    if (ref !== undefined) this.pending.delete(ref);
    switch (m.name) {
      case 'EventServerInfo':
      case 'EventPrimaryChanged': {
        const role = attrInt(m, 'AttributeServerRole');
        const next: ServerRoleName = role === 0 ? 'primary' : role === 1 ? 'backup' : this.role;
        const changed = next !== this.role;
        this.role = next;
        if (m.name === 'EventPrimaryChanged') {
          this.opts.logger.info({ server: this.name, role: next }, 'EventPrimaryChanged: registering again');
          this.register();
        }
        if (changed) this.opts.onState(this, 'role');
        break;
      }
      case 'EventError':
        this.opts.logger.warn(
          { server: this.name, error: m.attributes['AttributeErrorMessage'] },
          'EventError from the SIP Server',
        );
        break;
    }
  }
}
