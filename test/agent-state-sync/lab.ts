// The EXAS lab for end-to-end tests and the benchmark: the Stat Server simulator, the Genesys Cloud
// emulator, a small stand-in for EXCS's two mapping endpoints (real HTTP, the pinned shapes), a
// recording HTTP proxy in front of the emulator (to see every event in the order it was sent), and EXAS
// itself in the service runtime.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createCloudClient, type CloudClient } from '../../src/cloud/index.ts';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import { startCloudEmulator, type CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import {
  startStatServerSimulator,
  type StatServerSimulator,
} from '../../src/lab/engage/stat-server/simulator.ts';
import {
  createAgentStateSync,
  type AgentStateSync,
  type AgentStateSyncOptions,
} from '../../src/services/agent-state-sync/service.ts';
import { startService, type RunningService } from '../../src/services/runtime.ts';
import { MemoryStore, type StateStore } from '../../src/store/index.ts';
import { freePort } from '../harness/index.ts';

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

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
    ),
  );
}

const closeServer = (s: Server) =>
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

export interface ExasLab {
  sim: StatServerSimulator;
  /** False when the simulator runs in its own process (then only its admin API drives it). */
  simInProcess: boolean;
  emulator: CloudEmulator;
  admin: CloudClient;
  excs: FakeExcs;
  proxy: { url: string; events: RecordedEvent[]; requests: { at: number; status: number }[] };
  exas: AgentStateSync;
  service: RunningService;
  /** employeeId → Genesys Cloud user id. */
  userOf: Map<string, string>;
  presenceName: Map<string, string>;
  org(): Promise<OrgUser[]>;
  stop(): Promise<void>;
}

export interface OrgUser {
  id: string;
  presence: { systemPresence: string; eventDateTime: string } | null;
  routingStatus: { status: string; eventDateTime: string } | null;
}

export interface LabOptions {
  agents: number;
  rateLimitPerMinute?: number | 'off';
  /** An org file with the users already in it (the benchmark makes it once). */
  statePath?: string;
  logger?: Logger;
  simAgents?: string[];
  acceptUnknownAgents?: boolean;
  exas?: Partial<AgentStateSyncOptions>;
  /**
   * No proxy in the path: EXAS's own cloud client (same settings) talks to the emulator, and its Events
   * API is wrapped to record what was accepted and when (the benchmark's latency; `proxy.requests` stays empty).
   */
  direct?: boolean;
  /** The emulator in its own process (`exec-connector lab cloud`), as Genesys Cloud is elsewhere. */
  emulatorProcess?: boolean;
  /** EXAS's state store (default: in memory). */
  store?: StateStore;
  /**
   * The Stat Server simulator in its own process (`exec-connector lab engage stat`) at this schedule rate
   * (changes/s); then `sim` only has ports, adminUrl and stop: drive it through its admin API.
   */
  simProcess?: { changesPerSecond: number };
}

/** `exec-connector lab engage stat` as a child process, behind the simulator's interface (ports, admin, stop). */
async function startSimProcess(
  agents: readonly string[],
  changesPerSecond: number,
): Promise<StatServerSimulator> {
  const child = spawn(
    process.execPath,
    [
      'bin/exec-connector.js',
      'lab',
      'engage',
      'stat',
      '--port',
      '0',
      '--backup-port',
      '0',
      '--admin-port',
      '0',
      '--strict',
      '--rate',
      String(changesPerSecond),
      '--agents',
      agents.join(','),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await until('simulator process', () => /admin API: http/.test(out) || child.exitCode !== null, 30_000, 50);
  const m = /primary [\d.]+:(\d+), backup [\d.]+:(\d+)/.exec(out);
  const adminUrl = /admin API: (http:\/\/\S+)/.exec(out)?.[1];
  if (!m || !adminUrl) throw new Error(`lab engage stat did not start: ${out}`);
  const post = (path: string, body?: unknown) =>
    fetch(`${adminUrl}${path}`, {
      method: 'POST',
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    }).then((r) => r.json());
  const inProcessOnly = (): never => {
    throw new Error('the simulator runs in another process: use its admin API');
  };
  return {
    primaryPort: Number(m[1]),
    backupPort: Number(m[2]),
    adminUrl,
    setAgent: inProcessOnly,
    getAgent: inProcessOnly,
    agents: inProcessOnly,
    switchover: () => post('/switchover'),
    killPrimary: () => post('/kill-primary'),
    restorePrimary: () => post('/restore-primary'),
    burst: inProcessOnly,
    setRate: inProcessOnly,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Every agent's simulator state, wherever the simulator runs. */
export async function simStates(
  lab: ExasLab,
): Promise<Map<string, { state: string; reason?: string; call: string }>> {
  if (!lab.simInProcess) {
    const r = (await (await fetch(`${lab.sim.adminUrl}/agents`)).json()) as {
      agents: { employeeId: string; state: string; reason?: string; call: string }[];
    };
    return new Map(r.agents.map((a) => [a.employeeId, a]));
  }
  return new Map(lab.sim.agents().map((a) => [a.employeeId, a]));
}

/** `exec-connector lab cloud` as a child process; stop() sends Ctrl-C (the org is saved to statePath). */
async function startEmulatorProcess(rate: number | 'off', statePath?: string): Promise<CloudEmulator> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      'bin/exec-connector.js',
      'lab',
      'cloud',
      '--port',
      String(port),
      '--rate-limit',
      String(rate),
      ...(statePath ? ['--state', statePath] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await until(
    'emulator process',
    () => out.includes('Genesys Cloud emulator at') || child.exitCode !== null,
    30_000,
    50,
  );
  if (child.exitCode !== null) throw new Error(`lab cloud exited: ${out}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clientId: 'exec-lab',
    clientSecret: 'exec-lab-secret',
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** The cloud client's Events API, recording each event's outcome like the proxy does. */
function recordingSink(client: CloudClient, events: RecordedEvent[]): AgentStateSyncOptions['sink'] {
  const record = (
    type: RecordedEvent['type'],
    sent: { eventId: string; userId: string; value: string; eventDateTime: string }[],
    errors: { eventId: string; status?: number }[],
  ) => {
    const answeredAt = Date.now();
    const failed = new Map(errors.map((e) => [e.eventId, e]));
    for (const e of sent) {
      const f = failed.get(e.eventId);
      events.push({ type, ...e, status: f?.status ?? 200, rejected: f !== undefined, answeredAt });
    }
  };
  return {
    presenceIds: () => client.presence.systemPresenceIds(),
    events: {
      async presence(ev, o) {
        const res = await client.events.presence(ev, o);
        record(
          'presence',
          ev.map((e) => ({
            eventId: e.eventId,
            userId: e.userId,
            value: e.presenceDefinitionId ?? '',
            eventDateTime: e.eventDateTime,
          })),
          res.errors,
        );
        return res;
      },
      async routingStatus(ev, o) {
        const res = await client.events.routingStatus(ev, o);
        record(
          'routingStatus',
          ev.map((e) => ({
            eventId: e.eventId,
            userId: e.agentId,
            value: e.status,
            eventDateTime: e.eventDateTime,
          })),
          res.errors,
        );
        return res;
      },
    },
  };
}

export const employeeIdOf = (i: number): string => String(5000 + i);

export async function startExasLab(o: LabOptions): Promise<ExasLab> {
  const emulator = o.emulatorProcess
    ? await startEmulatorProcess(o.rateLimitPerMinute ?? 'off', o.statePath)
    : await startCloudEmulator({
        port: 0,
        rateLimitPerMinute: o.rateLimitPerMinute ?? 'off',
        ...(o.statePath ? { statePath: o.statePath } : {}),
      });
  const admin = createCloudClient({
    apiUrl: emulator.url,
    authUrl: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    rateLimitPerMinute:
      o.rateLimitPerMinute === 'off' || !o.rateLimitPerMinute ? 100_000 : o.rateLimitPerMinute,
  });
  const userOf = new Map<string, string>();
  const existing = o.statePath ? await orgUsers(emulator.url) : [];
  const byExternal = new Map(existing.map((u) => [u.externalId, u.id]));
  for (let i = 0; i < o.agents; i++) {
    const ext = `exas-${i}`;
    let id = byExternal.get(ext);
    if (!id) {
      const u = await admin.scim.createUser({
        userName: `agent${i}@example.com`,
        displayName: `Agent ${i}`,
        externalId: ext,
        active: true,
      });
      id = u.id as string;
    }
    userOf.set(employeeIdOf(i), id);
  }
  const source =
    (await admin.presence.findSourceByName('Engage')) ??
    (await admin.presence.createSource({ name: 'Engage' }));
  const presenceName = new Map(
    [...(await admin.presence.systemPresenceIds())].map(([name, id]) => [id, name]),
  );
  const excs = await startFakeExcs(source.id as string);
  excs.users = [...userOf].map(([employeeId, cloudId], i) => ({
    dbid: 100 + i,
    userName: `agent${i}@example.com`,
    employeeId,
    cloudId,
    active: true,
    isAgent: true,
  }));
  const proxy = await startRecordingProxy(emulator.url);
  const sim = o.simProcess
    ? await startSimProcess(o.simAgents ?? [...userOf.keys()], o.simProcess.changesPerSecond)
    : await startStatServerSimulator({
        agents: o.simAgents ?? [...userOf.keys()],
        acceptUnknownAgents: o.acceptUnknownAgents ?? false,
      });
  const logger = o.logger ?? silentLogger();
  let exas!: AgentStateSync;
  const cloudOptions = {
    rateLimitPerMinute: 100_000,
    backoff: { baseMs: 50, maxMs: 400 },
    maxRetries: 2,
    fetchTimeoutMs: 5000,
    ...o.exas?.cloud,
  };
  const direct = o.direct
    ? createCloudClient({
        apiUrl: emulator.url,
        authUrl: emulator.url,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
        ...cloudOptions,
      })
    : undefined;
  const config = commonConfig('exas', { EXAS_PORT: 0 }, []);
  const service = await startService(
    {
      name: 'exas',
      port: () => 0,
      async create(deps) {
        exas = createAgentStateSync(deps, {
          primary: { host: '127.0.0.1', port: sim.primaryPort },
          backup: { host: '127.0.0.1', port: sim.backupPort },
          tenant: 'Resources',
          excsUrl: excs.url,
          gc: {
            apiUrl: proxy.url,
            authUrl: proxy.url,
            clientId: emulator.clientId,
            clientSecret: emulator.clientSecret,
          },
          scopePollMs: 200,
          link: { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 1500, connectTimeoutMs: 1000 },
          publisher: { retryDelayMs: 50, maxRetryDelayMs: 500 },
          ...o.exas,
          cloud: cloudOptions,
          ...(direct ? { sink: recordingSink(direct, proxy.events) } : {}),
        });
        return exas;
      },
    },
    { config, store: o.store ?? new MemoryStore(), logger, host: '127.0.0.1', port: 0 },
  );
  const org = async () => (await orgUsers(emulator.url)) as OrgUser[];
  return {
    sim,
    simInProcess: !o.simProcess,
    emulator,
    admin,
    excs,
    proxy,
    exas,
    service,
    userOf,
    presenceName,
    org,
    async stop() {
      await service.stop();
      await direct?.close();
      await sim.stop();
      await proxy.stop();
      await excs.stop();
      await admin.close();
      await emulator.stop();
    },
  };
}

async function orgUsers(url: string): Promise<(OrgUser & { externalId: string })[]> {
  const r = await fetch(`${url}/__emulator/org`);
  return ((await r.json()) as { users: (OrgUser & { externalId: string })[] }).users;
}

export async function until(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  stepMs = 25,
): Promise<number> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return Date.now() - start;
}

/** The seed's table, written out independently of the reducer: what Genesys Cloud should show. */
export function expectedOf(
  a: { state: string; reason?: string; call: string },
  presenceBefore: string,
): { presence: string; routingStatus: string } {
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
    default:
      return { presence: presenceBefore, routingStatus: callRouting ?? 'Interacting' };
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
    const want = expectedOf(a, u.presence?.systemPresence ?? '');
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
