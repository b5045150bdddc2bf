// The EXCP lab for end-to-end tests and the benchmark: the SIP Server simulator (home and remote site,
// each its own HA pair), the Genesys Cloud emulator with the org the calls need (users, queues, wrap-up
// codes, the presence source, made through the API), a stand-in for EXCS's mapping API built from the
// same topology (real HTTP, the pinned shapes, ETag/version), and an EXCP pair on a real Redis
// (lab-instance.ts: in this process, in worker threads, or as processes that a test may SIGKILL).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createCloudClient, type CloudClient } from '../../src/cloud/index.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import { startCloudEmulator, type CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import {
  generateTopology,
  startSipServerSimulator,
  type SipSimulator,
  type SipTopology,
} from '../../src/lab/engage/sip-server/index.ts';
import type { ConversationProviderOptions } from '../../src/services/conversation-provider/service.ts';
import { closeServer, listen } from '../agent-state-sync/stubs.ts';
import { readAudit } from '../harness/emulator-audit.ts';
import { testKeyPrefix, testRedisUrl, until } from '../harness/index.ts';
import {
  startInProcess,
  startIsolated,
  type Isolation,
  startProcess,
  type ExcpInstance,
  type InstanceParams,
} from './lab-instance.ts';

export type { ExcpInstance } from './lab-instance.ts';

export const WRAPUP_CODES = ['Resolved', 'Sale', 'Callback'];

export interface Mappings {
  users: {
    dbid: number;
    userName: string;
    employeeId: string;
    cloudId: string;
    active: boolean;
    isAgent: boolean;
    agentLogins: { code: string; switch: string }[];
  }[];
  queues: {
    dbid: number;
    name: string;
    queueName: string;
    switch: string;
    cloudId: string;
    active: boolean;
  }[];
  extensions: { dbid: number; number: string; switch: string; agentDbid?: number }[];
  wrapupcodes: { name: string; cloudId: string }[];
  source: string;
}

export interface FakeExcs {
  url: string;
  mappings: Mappings;
  version: number;
  down: boolean;
  stop(): Promise<void>;
}

/** EXCS's mapping endpoints (DESIGN §4 shapes), with the version as ETag and 304 on If-None-Match. */
export async function startMappingServer(mappings: Mappings): Promise<FakeExcs> {
  const state = { mappings, version: 1, down: false };
  const server = createServer((req, res) => {
    const send = (code: number, data: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json', etag: `"${state.version}"` });
      res.end(
        JSON.stringify({
          status: { code: code === 200 ? 0 : code * 100, message: 'OK', corrId: randomUUID() },
          data,
        }),
      );
    };
    if (state.down) return send(503, null);
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.headers['if-none-match'] === `"${state.version}"` && path.startsWith('/api/v1/mappings/')) {
      res.writeHead(304);
      return res.end();
    }
    const m = state.mappings;
    const kind = path.slice('/api/v1/mappings/'.length);
    if (kind === 'source') return send(200, { version: state.version, cloudId: m.source });
    if (kind === 'users' || kind === 'queues' || kind === 'extensions' || kind === 'wrapupcodes')
      return send(200, { version: state.version, [kind]: m[kind] });
    if (path.startsWith('/api/v1/settings/')) return send(200, { section: path.slice(17), settings: {} });
    return send(404, null);
  });
  const url = await listen(server);
  return Object.assign(state, { url, stop: () => closeServer(server) });
}

/** The org the topology's calls need, made in the emulator through the API, and EXCS's view of it. */
export async function buildOrg(admin: CloudClient, topology: SipTopology): Promise<Mappings> {
  const m: Mappings = { users: [], queues: [], extensions: [], wrapupcodes: [], source: '' };
  const source =
    (await admin.presence.findSourceByName('Engage')) ??
    (await admin.presence.createSource({ name: 'Engage' }));
  m.source = source.id as string;
  let dbid = 100;
  for (const site of [topology.home, topology.remote]) {
    for (const a of site.agents) {
      const agentDbid = ++dbid;
      if (a.inScope) {
        const u = await admin.scim.createUser({
          userName: `${a.employeeId.toLowerCase()}@example.com`,
          displayName: `Agent ${a.employeeId}`,
          externalId: a.employeeId,
          active: true,
        });
        m.users.push({
          dbid: agentDbid,
          userName: `${a.employeeId.toLowerCase()}@example.com`,
          employeeId: a.employeeId,
          cloudId: u.id as string,
          active: true,
          isAgent: true,
          agentLogins: [{ code: a.agentId, switch: site.switchName }],
        });
      }
      m.extensions.push({ dbid: ++dbid, number: a.extension, switch: site.switchName, agentDbid });
    }
    for (const number of site.unstaffedExtensions)
      m.extensions.push({ dbid: ++dbid, number, switch: site.switchName });
    for (const number of [...site.routingPoints, ...site.virtualQueues]) {
      const queueName = `${number}__${site.switchName}__Engage-external`;
      const q = await admin.routing.createQueue({ name: queueName });
      m.queues.push({
        dbid: ++dbid,
        name: number,
        queueName,
        switch: site.switchName,
        cloudId: q.id as string,
        active: true,
      });
    }
  }
  for (const name of WRAPUP_CODES) {
    const w = await admin.routing.createWrapupCode({ name });
    m.wrapupcodes.push({ name, cloudId: w.id as string });
  }
  return m;
}

export interface ExcpLabOptions {
  rateLimitPerMinute?: number | 'off';
  /** Multiplies call durations (tests: 0.001). */
  timeScale?: number;
  /** Run the pair as `exec-connector run excp` processes (for SIGKILL). */
  processes?: boolean;
  /**
   * Run each instance isolated, in a worker thread or a child process: its own event loop, as deployed
   * (the benchmark). `excp` must then be plain data; `record` makes the instances record latencies and
   * requests (`stats()`).
   */
  isolated?: Isolation;
  record?: boolean;
  instances?: number;
  logger?: Logger;
  agents?: number;
  excp?: Partial<ConversationProviderOptions>;
  /** Per-instance options (in-process instances), over `excp`. */
  excpFor?(i: number): Partial<ConversationProviderOptions>;
  /** Extra environment for process instances. */
  env?: Record<string, string>;
  /** Where in-process instance i listens (default 127.0.0.1 on a free port), e.g. behind a load balancer. */
  listen?(i: number): { host: string; port: number };
}

export interface ExcpLab {
  sim: SipSimulator;
  emulator: CloudEmulator;
  admin: CloudClient;
  excs: FakeExcs;
  mappings: Mappings;
  instances: ExcpInstance[];
  keyPrefix: string;
  redisUrl: string;
  servers: Record<'vq' | 'agent' | 'call', string>;
  switches: string;
  /** Starts (or restarts) instance i. */
  startInstance(i: number): Promise<ExcpInstance>;
  /** In-process instances: until one holds the lease and every instance registered its agent DNs. */
  ready(): Promise<void>;
  /** Events still on their way in the pair (in-process and thread instances): buffered, inbox, outbox. */
  backlog(): Promise<number>;
  /** After the simulator drained: until the pair has processed and sent everything. */
  settled(timeoutMs?: number): Promise<void>;
  audit(): Promise<Audit>;
  conversations(): Promise<OrgConversation[]>;
  stop(): Promise<void>;
}

export interface Audit {
  requests: { seq: number; method: string; path: string; status: number }[];
  events: {
    seq: number;
    type: string;
    eventId: string;
    conversationId?: string;
    status: string;
    reason?: string;
  }[];
}

export interface OrgConversation {
  id: string;
  interactionId?: string;
  participants: {
    communicationId: string;
    purpose: string;
    userId?: string;
    queueId?: string;
    state: string;
    wrapupCodeId?: string;
    disconnectType?: string;
  }[];
  events: { type: string }[];
}

const json = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
};

/** An emulator without a rate limit and an admin client of it, to build an org. */
export async function startLabCloud() {
  const emulator = await startCloudEmulator({ port: 0, rateLimitPerMinute: 'off' });
  const admin = createCloudClient({
    apiUrl: emulator.url,
    authUrl: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    rateLimitPerMinute: 100_000,
  });
  return { emulator, admin };
}

export async function startExcpLab(o: ExcpLabOptions = {}): Promise<ExcpLab> {
  // The org is built without the limit (a thousand agents would take minutes at 300/min); the limit
  // applies to what EXCP does.
  const { emulator, admin } = await startLabCloud();
  const topology = generateTopology({ agents: o.agents ?? 20 });
  const mappings = await buildOrg(admin, topology);
  const excs = await startMappingServer(mappings);
  emulator.setRateLimitPerMinute(o.rateLimitPerMinute ?? 'off');
  const sim = await startSipServerSimulator({ topology, timeScale: o.timeScale ?? 0.001, remote: {} });
  const remote = sim.remote ?? { primaryPort: sim.primaryPort, backupPort: sim.backupPort };
  const pairs = `127.0.0.1:${sim.primaryPort}/127.0.0.1:${sim.backupPort},127.0.0.1:${remote.primaryPort}/127.0.0.1:${remote.backupPort}`;
  const servers = { vq: pairs, agent: pairs, call: pairs };
  const switches = [
    `127.0.0.1:${sim.primaryPort}=${topology.home.switchName}`,
    `127.0.0.1:${sim.backupPort}=${topology.home.switchName}`,
    `127.0.0.1:${remote.primaryPort}=${topology.remote.switchName}`,
    `127.0.0.1:${remote.backupPort}=${topology.remote.switchName}`,
  ].join(',');
  const redisUrl = await testRedisUrl();
  const keyPrefix = testKeyPrefix('excp-lab');
  const logger = o.logger ?? silentLogger();
  const instances: ExcpInstance[] = [];

  const startInstance = async (i: number): Promise<ExcpInstance> => {
    const p: InstanceParams = {
      i,
      redisUrl,
      keyPrefix,
      servers,
      switches,
      excsUrl: excs.url,
      gc: {
        apiUrl: emulator.url,
        authUrl: emulator.url,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
      },
    };
    const inst = o.processes
      ? await startProcess(p, o.env ?? {})
      : o.isolated
        ? await startIsolated(p, { ...o.excp, ...o.excpFor?.(i) }, o.record === true, o.isolated)
        : await startInProcess(p, { ...o.excp, ...o.excpFor?.(i) }, logger, o.listen?.(i));
    instances[i] = inst;
    return inst;
  };
  for (let i = 0; i < (o.instances ?? 2); i++) await startInstance(i);
  const backlog = async (): Promise<number> => {
    let n = 0;
    for (const i of instances) {
      const b = await i.backlog!();
      n += b.buffered + b.inbox + b.outbox;
    }
    return n;
  };

  return {
    sim,
    emulator,
    admin,
    excs,
    mappings,
    instances,
    keyPrefix,
    redisUrl,
    servers,
    switches,
    startInstance,
    async ready() {
      await until('a leader', () => instances.some((i) => i.excp?.isLeader()), 10_000);
      await until(
        'DNs registered',
        () => instances.every((i) => (i.excp?.links.registeredCount('agent') ?? 0) > 0),
        10_000,
      );
    },
    backlog,
    async settled(timeoutMs = 20_000) {
      await sim.drained();
      await until('the pair processed and sent everything', async () => (await backlog()) === 0, {
        timeoutMs,
        intervalMs: 20,
      });
    },
    audit: () => readAudit<Audit['requests'][number], Audit['events'][number]>(emulator.url),
    conversations: async () =>
      (await json<{ conversations: OrgConversation[] }>(`${emulator.url}/__emulator/org`)).conversations,
    async stop() {
      for (const inst of instances) await inst?.stop();
      await sim.stop();
      await excs.stop();
      await admin.close();
      await emulator.stop();
    },
  };
}
