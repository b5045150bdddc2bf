// The EXAS lab for end-to-end tests and the benchmark: the Stat Server simulator, the Genesys Cloud
// emulator, a small stand-in for EXCS's two mapping endpoints (real HTTP, the pinned shapes), a
// recording HTTP proxy in front of the emulator (to see every event in the order it was sent), and EXAS
// itself in the service runtime.
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
import { orgUsers } from './checks.ts';
import { startEmulatorProcess, startSimProcess } from './processes.ts';
import { startFakeExcs, startRecordingProxy, type FakeExcs, type RecordedEvent } from './stubs.ts';

export * from './checks.ts';
export * from './stubs.ts';

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
