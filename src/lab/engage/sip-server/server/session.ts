// One client connection to a simulated SIP Server: reads its requests (one JSON object per line), keeps
// what it registered and whether it monitors calls, and writes events to it.
import type { Socket } from 'node:net';
import { z } from 'zod';

/** Requests the simulator understands; anything else is answered with EventError. */
const Request = z.discriminatedUnion('request', [
  z.object({ request: z.literal('RequestRegisterAddress'), AttributeThisDN: z.string().min(1) }).loose(),
  z.object({ request: z.literal('RequestUnregisterAddress'), AttributeThisDN: z.string().min(1) }).loose(),
  z.object({ request: z.literal('RequestStartCallMonitoring') }).loose(),
  z.object({ request: z.literal('RequestStopCallMonitoring') }).loose(),
  z.object({ request: z.literal('RequestQueryServer') }).loose(),
]);
export type SipRequest = z.infer<typeof Request>;

export type ParsedRequest =
  { ok: true; request: SipRequest; referenceId?: number } | { ok: false; error: string };

const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_BUFFERED_BYTES = 512 * 1024 * 1024;

export function parseRequest(line: string): ParsedRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, error: 'request is not JSON' };
  }
  const r = Request.safeParse(raw);
  if (!r.success) {
    const name = (raw as { request?: unknown } | null)?.request;
    return {
      ok: false,
      error:
        typeof name === 'string'
          ? `unsupported or malformed request ${name.slice(0, 60)}`
          : 'a request needs a "request" name',
    };
  }
  const ref = (raw as { AttributeReferenceID?: unknown }).AttributeReferenceID;
  return { ok: true, request: r.data, ...(typeof ref === 'number' ? { referenceId: ref } : {}) };
}

export class ClientSession {
  readonly registered = new Set<string>();
  monitoring = false;
  private pending = '';
  private corked = false;

  constructor(
    readonly socket: Socket,
    readonly id: number,
    private readonly onRequest: (s: ClientSession, r: ParsedRequest) => void,
  ) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => this.read(chunk));
    socket.on('error', () => socket.destroy());
  }

  private read(chunk: string): void {
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl).trim();
      this.pending = this.pending.slice(nl + 1);
      if (line) this.onRequest(this, parseRequest(line));
    }
    if (this.pending.length > MAX_REQUEST_BYTES) {
      this.pending = '';
      this.onRequest(this, { ok: false, error: 'request line over 64 KiB' });
    }
  }

  /** Queues a line; lines written in the same tick go out in one write. */
  write(line: string): void {
    if (this.socket.destroyed) return;
    // A client that stopped reading is dropped, as a T-Server drops a client whose buffer overflows.
    if (this.socket.writableLength > MAX_BUFFERED_BYTES) {
      this.socket.destroy();
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(line + '\n');
  }

  wants(dn: string | null): boolean {
    return dn === null ? this.monitoring : this.registered.has(dn);
  }
}
