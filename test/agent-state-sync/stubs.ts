// Real HTTP stand-ins around EXAS in tests: EXCS's mapping endpoints (the pinned shapes) and a proxy in
// front of the Genesys Cloud emulator that records every presence/routing event in the order sent.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeExcs {
  url: string;
  users: {
    dbid: number;
    userName: string;
    employeeId: string;
    cloudId: string;
    active: boolean;
    isAgent: boolean;
  }[];
  sourceId: string;
  version: number;
  down: boolean;
  stop(): Promise<void>;
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
    ),
  );
}

export const closeServer = (s: Server) =>
  new Promise<void>((r) => {
    s.closeAllConnections();
    s.close(() => r());
  });

/** EXCS's mapping endpoints with the pinned shapes (`data: {version, users}`, `data: {cloudId}`). */
export async function startFakeExcs(sourceId: string): Promise<FakeExcs> {
  const state: Omit<FakeExcs, 'url' | 'stop'> = { users: [], sourceId, version: 1, down: false };
  const server = createServer((req, res) => {
    const send = (code: number, data: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: { code: code === 200 ? 0 : code * 100, message: 'ok', corrId: randomUUID() },
          data,
        }),
      );
    };
    if (state.down) return send(503, {});
    const path = (req.url ?? '').split('?')[0];
    if (path === '/api/v1/mappings/users') return send(200, { version: state.version, users: state.users });
    if (path === '/api/v1/mappings/source')
      return send(200, { version: state.version, cloudId: state.sourceId });
    if (path?.startsWith('/api/v1/settings/')) return send(200, { section: path.slice(17), settings: {} });
    return send(404, {});
  });
  const url = await listen(server);
  return Object.assign(state, { url, stop: () => closeServer(server) });
}

const HOP_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'expect',
]);

export interface RecordedEvent {
  type: 'presence' | 'routingStatus';
  eventId: string;
  userId: string;
  value: string;
  eventDateTime: string;
  /** HTTP status of the request that carried it, and whether the answer listed it as an error. */
  status: number;
  rejected: boolean;
  /** When the proxy got the answer (epoch ms). */
  answeredAt?: number;
}

/** Forwards everything to the emulator and records the presence/routing events in the order sent. */
export async function startRecordingProxy(target: string): Promise<{
  url: string;
  events: RecordedEvent[];
  requests: { at: number; status: number }[];
  stop(): Promise<void>;
}> {
  const events: RecordedEvent[] = [];
  const requests: { at: number; status: number }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && !HOP_HEADERS.has(k)) headers[k] = v;
        const path = req.url ?? '/';
        const slot: RecordedEvent[] = [];
        if (req.method === 'POST' && path.startsWith('/api/v2/events/users/')) {
          const j = JSON.parse(body.toString() || '{}') as {
            userPresenceEvents?: {
              userId: string;
              presenceDefinitionId?: string;
              eventDateTime: string;
              eventId: string;
            }[];
            userRoutingStatusEvents?: {
              agentId: string;
              status: string;
              eventDateTime: string;
              eventId: string;
            }[];
          };
          for (const e of j.userPresenceEvents ?? [])
            slot.push({
              type: 'presence',
              userId: e.userId,
              value: e.presenceDefinitionId ?? '',
              eventDateTime: e.eventDateTime,
              status: 0,
              rejected: false,
              eventId: e.eventId,
            });
          for (const e of j.userRoutingStatusEvents ?? [])
            slot.push({
              type: 'routingStatus',
              userId: e.agentId,
              value: e.status,
              eventDateTime: e.eventDateTime,
              status: 0,
              rejected: false,
              eventId: e.eventId,
            });
          events.push(...slot);
        }
        try {
          const r = await fetch(target + path, {
            method: req.method ?? 'GET',
            headers,
            ...(body.length ? { body } : {}),
          });
          const text = await r.text();
          const answeredAt = Date.now();
          if (path.startsWith('/api/v2/events/users/')) requests.push({ at: answeredAt, status: r.status });
          for (const s of slot) {
            s.status = r.status;
            s.answeredAt = answeredAt;
          }
          if (r.ok && slot.length && text) {
            const errs = (JSON.parse(text) as { errors?: { eventId?: string }[] }).errors ?? [];
            const bad = new Set(errs.map((e) => e.eventId));
            for (const s of slot) s.rejected = bad.has(s.eventId);
          }
          const h: Record<string, string> = {};
          r.headers.forEach((v, k) => {
            if (
              k !== 'content-length' &&
              k !== 'transfer-encoding' &&
              k !== 'connection' &&
              k !== 'content-encoding'
            )
              h[k] = v;
          });
          res.writeHead(r.status, h);
          res.end(text);
        } catch {
          res.destroy();
        }
      })();
    });
  });
  const url = await listen(server);
  return { url, events, requests, stop: () => closeServer(server) };
}
