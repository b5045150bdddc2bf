// EXAS composition root: Stat Server link → agent states (reducer) → coalescing publisher → Events API,
// with the scope and the presence source from EXCS and the Genesys Cloud client from EXCS's settings or
// EXEC_GC_*. The parts hold their own state; this file only wires them.
import type { Registry } from 'prom-client';
import type { GcOverrides } from '../../core/config/service-config.ts';
import type { HealthCheck } from '../../core/http/health.ts';
import type { Logger } from '../../core/logger.ts';
import {
  StatLinkClient,
  type StatEndpoint,
  type StatLinkOptions,
} from '../../engage/statserver/link-client.ts';
import type { StateStore } from '../../store/index.ts';
import type { CloudTuning } from '../shared/cloud-setup.ts';
import { ExcsClient, ScopeWatcher } from '../shared/excs-client.ts';
import { acceptedStore } from './accepted-store.ts';
import { AgentStates } from './agent-states.ts';
import { LazyCloud } from '../shared/lazy-cloud.ts';
import { CloudHealth } from './cloud-health.ts';
import { exasHealthChecks } from './health.ts';
import { createExasMetrics } from './metrics.ts';
import { PublishContextResolver } from './publish-context.ts';
import { StatePublisher, type Channel, type EventsSink, type PublisherHooks } from './publisher.ts';

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
  cloud?: CloudTuning;
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

type ExasMetrics = ReturnType<typeof createExasMetrics>;

const typeName = (c: Channel): 'presence' | 'routingstatus' =>
  c === 'presence' ? 'presence' : 'routingstatus';

function publisherHooks(m: ExasMetrics, cloudHealth: CloudHealth): PublisherHooks {
  return {
    accepted(c, value, item, now) {
      cloudHealth.up();
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
  };
}

function statLink(
  opts: AgentStateSyncOptions,
  logger: Logger,
  m: ExasMetrics,
  states: AgentStates,
): StatLinkClient {
  return new StatLinkClient({
    primary: opts.primary,
    backup: opts.backup,
    tenant: opts.tenant,
    logger,
    ...opts.link,
    handlers: {
      update(u) {
        const receivedAt = Date.now();
        m.statUpdates.inc({ category: u.category });
        const out = states.update(u, receivedAt);
        if (out.changed) {
          m.stateChanges.inc({ presence: out.user.presence, routing_status: out.user.routingStatus });
        }
      },
      statError: () => m.errors.inc({ kind: 'stat_error' }),
      malformed: () => m.errors.inc({ kind: 'malformed' }),
      active(endpoint) {
        m.switchovers.inc({ endpoint });
        m.linkUp.set({ endpoint }, 1);
        m.linkUp.set({ endpoint: endpoint === 'primary' ? 'backup' : 'primary' }, 0);
      },
      lost: (endpoint) => m.linkUp.set({ endpoint }, 0),
    },
  });
}

type EventTarget = NonNullable<AgentStateSyncOptions['sink']>;

/** Where events go: the given sink, or Genesys Cloud's Events API through a client made on first use. */
function eventTarget(
  opts: AgentStateSyncOptions,
  deps: { excs: ExcsClient; logger: Logger; registry: Registry },
): { cloud?: LazyCloud; target: EventTarget } {
  if (opts.sink) return { target: opts.sink };
  const cloud = new LazyCloud({
    ...deps,
    service: 'EXAS',
    gc: opts.gc,
    // Bursts may use the budget left by full, delayed batches; the sliding window still caps a minute.
    tuning: { limiterBurst: 40, ...opts.cloud },
  });
  return {
    cloud,
    target: {
      events: {
        presence: async (events, o) => (await cloud.get()).events.presence(events, o),
        routingStatus: async (events, o) => (await cloud.get()).events.routingStatus(events, o),
      },
      presenceIds: async () => (await cloud.get()).presence.systemPresenceIds(),
    },
  };
}

/** The reason key may come from the transaction (agent_state_sync/reason_key) through EXCS. */
async function readReasonKey(excs: ExcsClient, states: AgentStates, logger: Logger): Promise<void> {
  try {
    const own = await excs.settings('agent_state_sync');
    if (typeof own.reason_key === 'string' && own.reason_key) states.reasonKey = own.reason_key;
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'EXCS settings not read; reason key stays ReasonCode');
  }
}

export function createAgentStateSync(deps: AgentStateSyncDeps, opts: AgentStateSyncOptions): AgentStateSync {
  const { logger, registry } = deps;
  const excs = new ExcsClient({ baseUrl: opts.excsUrl, apiToken: opts.apiToken });
  const cloudHealth = new CloudHealth();
  const { cloud, target } = eventTarget(opts, { excs, logger, registry });
  const context = new PublishContextResolver(
    { sourceId: () => excs.sourceId(), presenceIds: () => target.presenceIds() },
    cloudHealth,
    logger,
  );
  const m: ExasMetrics = createExasMetrics(registry, (type) =>
    publisher.pendingCount(type === 'presence' ? 'presence' : 'routingStatus'),
  );
  const publisher = new StatePublisher({
    sink: target.events,
    context: () => context.get(),
    logger,
    store: acceptedStore(deps.store),
    // Under the platform's limit, fill batches for up to a second: ~2 requests/s at any load.
    minBatchDelayMs: (opts.cloud?.rateLimitPerMinute ?? 300) <= 1000 ? 1000 : 0,
    ...opts.publisher,
    hooks: publisherHooks(m, cloudHealth),
  });
  const states = new AgentStates(publisher, logger, opts.reasonKey);
  const link = statLink(opts, logger, m, states);
  const watcher = new ScopeWatcher(
    excs,
    opts.scopePollMs ?? 5000,
    (next) => {
      states.setScope(next);
      m.agents.set(next.size);
      link.setAgents(next.keys());
      logger.info({ agents: next.size }, 'agents in scope');
    },
    (err) => {
      m.errors.inc({ kind: 'excs' });
      logger.warn({ err: err.message }, 'EXCS not reachable; keeping the last known scope');
    },
  );

  return {
    link,
    publisher,
    scope: () => states.inScope(),
    health: exasHealthChecks({
      link,
      watcher,
      agentsInScope: () => states.inScope().size,
      cloudHealth,
      ...(cloud ? { cloud } : {}),
    }),
    async start() {
      if (!opts.reasonKey) void readReasonKey(excs, states, logger);
      await publisher.start();
      watcher.start();
      link.start();
    },
    async stop() {
      watcher.stop();
      await link.stop();
      await publisher.stop();
      await cloud?.close();
    },
  };
}
