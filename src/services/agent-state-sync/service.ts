// EXAS composition root: Stat Server link → reducer → coalescing publisher → Events API, with the scope
// and the presence source from EXCS and the Genesys Cloud client from EXCS's settings or EXEC_GC_*.
import type { Registry } from 'prom-client';
import {
  createCloudClient,
  resolveCloudUrls,
  type CloudClient,
  type CloudClientOptions,
} from '../../cloud/index.ts';
import type { GcOverrides } from '../../core/config/service-config.ts';
import type { HealthCheck } from '../../core/http/health.ts';
import type { Logger } from '../../core/logger.ts';
import {
  StatLinkClient,
  type StatEndpoint,
  type StatLinkOptions,
  type StatUpdate,
} from '../../engage/statserver/link-client.ts';
import type { StateStore } from '../../store/index.ts';
import { keys } from '../../store/keys.ts';
import { ExcsClient, ScopeWatcher } from './excs-client.ts';
import { createExasMetrics } from './metrics.ts';
import {
  CHANNELS,
  StatePublisher,
  type AcceptedStore,
  type Channel,
  type EventsSink,
  type PublishContext,
  type Sent,
} from './publisher.ts';
import { DEFAULT_REASON_KEY, emptyReduction, reduceAgent, type AgentReduction } from './reducer.ts';
import { addSecret } from '../../core/logger.ts';

export interface AgentStateSyncOptions {
  primary: StatEndpoint;
  backup?: StatEndpoint | undefined;
  /** Tenant named in each statistic's object. */
  tenant: string;
  excsUrl: string;
  apiToken?: string | undefined;
  gc: GcOverrides;
  /** The reasons key; default: EXCS `agent_state_sync/reason_key`, else ReasonCode. */
  reasonKey?: string;
  scopePollMs?: number;
  link?: Pick<
    StatLinkOptions,
    | 'heartbeatIntervalMs'
    | 'heartbeatTimeoutMs'
    | 'connectTimeoutMs'
    | 'reconnectDelayMs'
    | 'maxReconnectDelayMs'
  >;
  cloud?: Omit<
    CloudClientOptions,
    'apiUrl' | 'authUrl' | 'clientId' | 'clientSecret' | 'logger' | 'registry'
  >;
  publisher?: { batchLimit?: number; retryDelayMs?: number; maxRetryDelayMs?: number };
  /** Use this instead of the cloud client's Events API (with `presenceIds`): a core without Genesys Cloud. */
  sink?: { events: EventsSink; presenceIds(): Promise<ReadonlyMap<string, string>> };
}

export interface AgentStateSyncDeps {
  logger: Logger;
  registry: Registry;
  store: StateStore;
}

export interface AgentStateSync {
  health: HealthCheck[];
  start(): Promise<void>;
  stop(): Promise<void>;
  link: StatLinkClient;
  publisher: StatePublisher;
  /** employeeId → cloud user id of the agents in scope. */
  scope(): ReadonlyMap<string, string>;
}

function acceptedStore(store: StateStore): AcceptedStore {
  const prefix = keys.agentState('');
  return {
    async load() {
      const out = new Map<string, Partial<Record<Channel, Sent>>>();
      for await (const key of store.scan(prefix)) {
        const h = await store.hgetall(key);
        const rec: Partial<Record<Channel, Sent>> = {};
        for (const c of CHANNELS) if (h[c]) rec[c] = JSON.parse(h[c]) as Sent;
        out.set(key.slice(prefix.length), rec);
      }
      return out;
    },
    save: (userId, channel, sent) => store.hset(keys.agentState(userId), { [channel]: JSON.stringify(sent) }),
  };
}

export function createAgentStateSync(deps: AgentStateSyncDeps, opts: AgentStateSyncOptions): AgentStateSync {
  const { logger } = deps;
  const m = createExasMetrics(deps.registry, (type) =>
    publisher.pendingCount(type === 'presence' ? 'presence' : 'routingStatus'),
  );
  const excs = new ExcsClient({ baseUrl: opts.excsUrl, apiToken: opts.apiToken });
  let scope = new Map<string, string>();
  const reductions = new Map<string, AgentReduction>();
  let reasonKey = opts.reasonKey ?? DEFAULT_REASON_KEY;
  let cloud: Promise<CloudClient> | undefined;
  let cloudState: { ok: boolean; detail?: string } = { ok: false, detail: 'not connected yet' };
  let context: PublishContext | undefined;

  async function settings(): Promise<Record<string, unknown>> {
    const [general, own] = await Promise.all([excs.settings('general'), excs.settings('agent_state_sync')]);
    if (!opts.reasonKey && typeof own.reason_key === 'string' && own.reason_key) reasonKey = own.reason_key;
    return { ...general, ...own };
  }

  function getCloud(): Promise<CloudClient> {
    cloud ??= (async () => {
      const gc = opts.gc;
      const complete = gc.apiUrl && gc.clientId && gc.clientSecret;
      const s = complete ? {} : await settings();
      const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : undefined);
      if (!gc.clientSecret && !str('client_secret') && excs.withheld.has('client_secret')) {
        throw new Error(
          'EXCS withheld client_secret: it serves OAuth client secrets only to holders of EXEC_API_TOKEN ' +
            '(set the same EXEC_API_TOKEN on EXCS and EXAS, or EXEC_GC_CLIENT_SECRET)',
        );
      }
      const resolved = resolveCloudUrls(
        {
          region: str('region'),
          baseServiceUrl: str('base_service_url') ?? str('baseServiceUrl'),
          baseAuthUrl: str('base_auth_url') ?? str('baseAuthUrl'),
          clientId: str('client_id') ?? str('clientId'),
          clientSecret: str('client_secret') ?? str('clientSecret'),
        },
        {
          ...(gc.apiUrl ? { EXEC_GC_API_URL: gc.apiUrl } : {}),
          ...(gc.authUrl ? { EXEC_GC_AUTH_URL: gc.authUrl } : {}),
          ...(gc.clientId ? { EXEC_GC_CLIENT_ID: gc.clientId } : {}),
          ...(gc.clientSecret ? { EXEC_GC_CLIENT_SECRET: gc.clientSecret } : {}),
        },
      );
      // A client secret served by EXCS is a secret the environment did not name: redact it from now on.
      addSecret(logger, resolved.clientSecret);
      // Bursts may use the budget left by full, delayed batches; the sliding window still caps a minute.
      return createCloudClient({
        limiterBurst: 40,
        ...opts.cloud,
        ...resolved,
        logger,
        registry: deps.registry,
      });
    })().catch((err: unknown) => {
      cloud = undefined;
      throw err;
    });
    return cloud;
  }

  const sink: EventsSink = opts.sink?.events ?? {
    presence: async (events, o) => (await getCloud()).events.presence(events, o),
    routingStatus: async (events, o) => (await getCloud()).events.routingStatus(events, o),
  };

  let resolving: Promise<PublishContext> | undefined;
  function publishContext(): Promise<PublishContext> {
    if (context) return Promise.resolve(context);
    // Both channel loops ask at once: one lookup serves them.
    resolving ??= (async () => {
      try {
        const [sourceId, presenceIds] = await Promise.all([
          excs.sourceId(),
          opts.sink ? opts.sink.presenceIds() : getCloud().then((c) => c.presence.systemPresenceIds()),
        ]);
        cloudState = { ok: true, detail: `${presenceIds.size} presence definitions` };
        context = { sourceId, presenceIds };
        logger.info({ sourceId, definitions: presenceIds.size }, 'presence source and definitions resolved');
        return context;
      } catch (err) {
        cloudState = { ok: false, detail: (err as Error).message };
        throw err;
      } finally {
        resolving = undefined;
      }
    })();
    return resolving;
  }

  const publisher = new StatePublisher({
    sink,
    context: publishContext,
    logger,
    store: acceptedStore(deps.store),
    // Under the platform's limit, fill batches for up to a second: ~2 requests/s at any load.
    minBatchDelayMs: (opts.cloud?.rateLimitPerMinute ?? 300) <= 1000 ? 1000 : 0,
    ...opts.publisher,
    hooks: {
      accepted(c, value, item, now) {
        cloudState = { ok: true };
        m.events.inc({ type: typeName(c), value, result: 'accepted' });
        m.latency.observe({ type: typeName(c) }, Math.max(0, now - item.receivedAt) / 1000);
      },
      rejected(c, value) {
        m.events.inc({ type: typeName(c), value, result: 'rejected' });
        m.errors.inc({ kind: 'rejected' });
      },
      retried(c, n) {
        m.retried.inc({ type: typeName(c) }, n);
      },
      coalesced(c) {
        m.coalesced.inc({ type: typeName(c) });
      },
    },
  });

  function publish(employeeId: string, timeMs: number, receivedAt: number): void {
    const userId = scope.get(employeeId);
    const user = reductions.get(employeeId)?.user;
    if (userId && user) publisher.set(userId, employeeId, user, timeMs, receivedAt);
  }

  const link = new StatLinkClient({
    primary: opts.primary,
    backup: opts.backup,
    tenant: opts.tenant,
    logger,
    ...opts.link,
    handlers: {
      update(u: StatUpdate) {
        const receivedAt = Date.now();
        m.statUpdates.inc({ category: u.category });
        const out = reduceAgent(
          reductions.get(u.employeeId) ?? emptyReduction(),
          u.category,
          u.tree,
          reasonKey,
        );
        reductions.set(u.employeeId, out.next);
        if (out.changed) {
          m.stateChanges.inc({ presence: out.user.presence, routing_status: out.user.routingStatus });
          logger.debug({ employeeId: u.employeeId, ...out.user, view: out.next.view }, 'agent state changed');
        }
        publish(u.employeeId, u.timeMs, receivedAt);
      },
      statError() {
        m.errors.inc({ kind: 'stat_error' });
      },
      malformed() {
        m.errors.inc({ kind: 'malformed' });
      },
      active(endpoint) {
        m.switchovers.inc({ endpoint });
        m.linkUp.set({ endpoint }, 1);
        m.linkUp.set({ endpoint: endpoint === 'primary' ? 'backup' : 'primary' }, 0);
      },
      lost(endpoint) {
        m.linkUp.set({ endpoint }, 0);
      },
    },
  });

  const watcher = new ScopeWatcher(
    excs,
    opts.scopePollMs ?? 5000,
    (next) => {
      const before = scope;
      scope = next;
      m.agents.set(next.size);
      for (const [employeeId, userId] of before) {
        if (next.get(employeeId) !== userId) publisher.forget(userId);
        if (!next.has(employeeId)) reductions.delete(employeeId);
      }
      link.setAgents(next.keys());
      // An agent now mapped to another user gets its current state sent there.
      for (const [employeeId, userId] of next) {
        const r = reductions.get(employeeId);
        if (r?.user && before.get(employeeId) !== userId) publish(employeeId, Date.now(), Date.now());
      }
      logger.info({ agents: next.size }, 'agents in scope');
    },
    (err) => {
      m.errors.inc({ kind: 'excs' });
      logger.warn({ err: err.message }, 'EXCS not reachable; keeping the last known scope');
    },
  );

  const endpointCheck = (name: 'primary' | 'backup'): HealthCheck => ({
    name: `statserver-${name}`,
    critical: false,
    check: () => {
      if (name === 'backup' && !link.hasBackup()) return { ok: true, detail: 'not configured' };
      const s = link.endpointStatus(name);
      const ok = s.state === 'active' || (link.activeEndpoint !== undefined && s.state !== 'down');
      return { ok, detail: s.detail ? `${s.state}: ${s.detail}` : s.state };
    },
  });

  return {
    link,
    publisher,
    scope: () => scope,
    health: [
      {
        name: 'statserver',
        check: () => {
          const a = link.activeEndpoint;
          return a ? { ok: true, detail: `active on ${a}` } : { ok: false, detail: 'no Stat Server link' };
        },
      },
      endpointCheck('primary'),
      endpointCheck('backup'),
      {
        name: 'excs',
        critical: false,
        check: () =>
          watcher.lastError
            ? { ok: false, detail: watcher.lastError }
            : { ok: watcher.lastOk > 0, detail: `${scope.size} agents in scope` },
      },
      {
        name: 'genesys-cloud',
        critical: false,
        async check() {
          if (opts.sink) return cloudState;
          try {
            await (await getCloud()).checkLogin();
            return cloudState.ok ? cloudState : { ok: true, detail: 'logged in' };
          } catch (err) {
            return { ok: false, detail: (err as Error).message };
          }
        },
      },
    ],
    async start() {
      if (!opts.reasonKey) {
        // The reason key may come from the transaction (agent_state_sync/reason_key) through EXCS.
        excs.settings('agent_state_sync').then(
          (own) => {
            if (typeof own.reason_key === 'string' && own.reason_key) reasonKey = own.reason_key;
          },
          (err: unknown) =>
            logger.warn(
              { err: (err as Error).message },
              'EXCS settings not read; reason key stays ReasonCode',
            ),
        );
      }
      await publisher.start();
      watcher.start();
      link.start();
    },
    async stop() {
      watcher.stop();
      await link.stop();
      await publisher.stop();
      if (cloud) await (await cloud.catch(() => undefined))?.close();
    },
  };
}

function typeName(c: Channel): 'presence' | 'routingstatus' {
  return c === 'presence' ? 'presence' : 'routingstatus';
}
