// The RWS simulator's HTTP server: the Ops recordings endpoint EXCP's GIR mode calls, and an admin API
// that adds recordings (optionally visible only after a delay), makes every answer fail, and lists the
// requests received.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { rwsRecording, type RwsCallSpec } from './recording.ts';

export interface RwsSimulatorOptions {
  host?: string;
  port?: number;
  /** The contact center id (RWS `rp.defaultccid` = EXCP's gir_orgId). */
  ccid: string;
  user: string;
  password: string;
}

export interface RwsRequestLog {
  atMs: number;
  path: string;
  callUuid?: string;
  status: number;
}

export interface RwsSimulator {
  url: string;
  /** Serves the call's recording from `availableAfterMs` from now (0: at once). */
  add(call: RwsCallSpec, availableAfterMs?: number): void;
  remove(callUuid: string): void;
  /** Every answer of the Ops endpoint becomes this status (undefined: normal). */
  fail(status: number | undefined): void;
  readonly requests: RwsRequestLog[];
  stop(): Promise<void>;
}

const CallSpecSchema = z.object({
  callUuid: z.string().min(1).max(64),
  ani: z.string().max(64).optional(),
  dnis: z.string().max(64).optional(),
  region: z.string().max(32).optional(),
  availableAfterMs: z.number().int().min(0).max(86_400_000).optional(),
  segments: z
    .array(
      z.object({
        startMs: z.number(),
        stopMs: z.number(),
        agentId: z.string().max(64).optional(),
        recordDn: z.string().max(64).optional(),
        seq: z.number().int().min(1),
      }),
    )
    .max(100),
});

const OPS = /^\/api\/v2\/ops\/contact-centers\/([^/]+)\/recordings\/([^/?]+)$/;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 1_000_000) throw new Error('body too large');
  }
  return JSON.parse(text || '{}');
}

export async function startRwsSimulator(o: RwsSimulatorOptions): Promise<RwsSimulator> {
  const calls = new Map<string, { call: RwsCallSpec; fromMs: number }>();
  const requests: RwsRequestLog[] = [];
  let failing: number | undefined;
  const expected = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const add = (call: RwsCallSpec, after = 0) =>
    calls.set(call.callUuid, { call, fromMs: Date.now() + after });

  const ops = (req: IncomingMessage, res: ServerResponse, ccid: string, callUuid: string) => {
    const log = (status: number) =>
      requests.push({ atMs: Date.now(), path: req.url ?? '', callUuid, status });
    if (!sameText(String(req.headers.authorization ?? ''), expected)) {
      log(401);
      return send(res, 401, { statusCode: 2, statusMessage: 'Unauthorized' });
    }
    if (failing !== undefined) {
      log(failing);
      return send(res, failing, { statusCode: 1, statusMessage: 'Simulated failure' });
    }
    const found = calls.get(callUuid);
    if (ccid !== o.ccid || !found || found.fromMs > Date.now()) {
      // UNCONFIRMED: what RWS answers before the recording is stored (engage-recording.md §2).
      log(404);
      return send(res, 404, { statusCode: 3, statusMessage: `Recording ${callUuid} not found` });
    }
    log(200);
    return send(res, 200, rwsRecording(found.call));
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const m = OPS.exec(path);
    if (req.method === 'GET' && m) return ops(req, res, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
    if (req.method === 'POST' && path === '/__rws/recordings') {
      readJson(req).then(
        (body) => {
          const r = CallSpecSchema.safeParse(body);
          if (!r.success)
            return send(res, 400, {
              error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            });
          const { availableAfterMs, ...call } = r.data;
          add(call, availableAfterMs);
          return send(res, 201, { callUuid: call.callUuid });
        },
        (err: unknown) => send(res, 400, { error: `not JSON: ${(err as Error).message}` }),
      );
      return;
    }
    if (req.method === 'PUT' && path === '/__rws/fail') {
      readJson(req).then(
        (body) => {
          const status = (body as { status?: unknown }).status;
          failing = typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
          send(res, 200, { failing: failing ?? null });
        },
        (err: unknown) => send(res, 400, { error: `not JSON: ${(err as Error).message}` }),
      );
      return;
    }
    if (req.method === 'GET' && path === '/__rws/requests') return send(res, 200, { requests });
    send(res, 404, { statusCode: 3, statusMessage: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${addr.port}`,
    add,
    remove: (id) => void calls.delete(id),
    fail: (status) => (failing = status),
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
