// EXCP composition root: three T-Lib link sets → shared inbox (Redis, de-duplicated between the two
// instances) → the lease holder's processor (the pure core's `step`, fenced commits) → outbox → sender
// (Events API). Directory from EXCS; Genesys Cloud settings from EXCS or EXEC_GC_*. The design:
// docs/conversation-provider.md.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import type { CloudClient } from '../../cloud/index.ts';
import type { CloudTuning } from '../shared/cloud-setup.ts';
import type { GcOverrides } from '../../core/config/service-config.ts';
import type { HealthCheck } from '../../core/http/health.ts';
import type { Logger } from '../../core/logger.ts';
import type { StateStore } from '../../store/index.ts';
import * as core from './core/api.ts';
import type { LinkKind } from './core/api.ts';
import { HaStore } from './ha/ha-store.ts';
import { fixHeapGrowth } from './heap-growth.ts';
import { InboxWriter } from './ha/inbox-writer.ts';
import { LeaseKeeper } from './ha/lease.ts';
import { Processor, type TrackerCore } from './ha/processor.ts';
import { processorHooks } from './ha/processor-hooks.ts';
import { LazyCloud } from '../shared/lazy-cloud.ts';
import { dependencyHealth, linkHealth } from './health.ts';
import type { DirectorySnapshot } from './inputs/directory.ts';
import { ExcsClient } from '../shared/excs-client.ts';
import { DirectoryWatcher } from './inputs/directory-watcher.ts';
import { LinkSet, LINK_KINDS } from './inputs/links.ts';
import { SiteResolver } from './inputs/sites.ts';
import { createExcpMetrics } from './metrics.ts';
import { recordingRoutes } from './recording-route.ts';
import { createRecording, type Recording, type RecordingOptions } from './recording/index.ts';
import { RecStore } from './recording/rec-store.ts';
import { OutboxQueues, type OutItem } from './sender/outbox-queues.ts';
import { senderHooks } from './sender/hooks.ts';
import { ConversationSender, type SendEvents } from './sender/sender.ts';
import type { FastifyInstance } from 'fastify';

export interface ConversationProviderOptions {
  /** The seed's three server lists (EXCP_<n>_VOICE_SERVER_VQ / _AGENT / _CALL). */
  servers: Record<LinkKind, string>;
  /** Switch name per SIP Server endpoint (EXCP_<n>_SWITCHES); see inputs/sites.ts. */
  switches?: ReadonlyMap<string, string>;
  excsUrl: string;
  apiToken?: string | undefined;
  gc: GcOverrides;
  /** The deployment group sharing one inbox and one lease (docs/conversation-provider.md). */
  group?: string;
  /** This instance's name in the lease (default host:pid:random). */
  instanceId?: string;
  heartbeatMs?: number;
  leaseTtlMs?: number;
  /** How long event identities are remembered for de-duplication between the instances. */
  seenTtlMs?: number;
  /** How long an ended conversation's state is kept (by event time). */
  graceMs?: number;
  expireEveryMs?: number;
  batch?: number;
  /** How long an event waits for earlier ones arriving on another link (ms). */
  reorderMs?: number;
  directoryPollMs?: number;
  /** The lease holder also looks at the inbox this often (events the other instance appended alone). */
  pollMs?: number;
  cloud?: CloudTuning;
  sender?: {
    batchLimit?: number;
    maxInFlight?: number;
    retryDelayMs?: number;
    maxRetryDelayMs?: number;
    inDoubtSettleMs?: number;
  };
  /** The call tracker (default: the pure core of ./core). */
  core?: TrackerCore;
  /** Called for every event Genesys Cloud accepted (benchmarks measure latency from the T-Lib event time). */
  onAccepted?(item: OutItem, now: number): void;
  /** Recording injection (EXRP configured); recording/index.ts. */
  recording?: RecordingOptions;
  /** Wraps the Events API call (tests and benchmarks watch what is sent). */
  wrapSend?(send: SendEvents): SendEvents;
}

export interface ConversationProviderDeps {
  logger: Logger;
  registry: Registry;
  store: StateStore;
}

export interface ConversationProvider {
  health: HealthCheck[];
  routes(app: FastifyInstance): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Introspection for tests, the demo and the benchmark. */
  readonly instanceId: string;
  isLeader(): boolean;
  outboxSize(): number;
  /** What is still on its way: events buffered here, inbox entries not processed, outbox not sent. */
  backlog(): Promise<{ buffered: number; inbox: number; outbox: number }>;
  directory(): DirectorySnapshot | undefined;
  links: LinkSet;
  recording?: Recording;
}

export function createConversationProvider(
  deps: ConversationProviderDeps,
  opts: ConversationProviderOptions,
): ConversationProvider {
  const { logger } = deps;
  const m = createExcpMetrics(deps.registry);
  const group = opts.group ?? 'main';
  const instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = logger.child({ instance: instanceId });
  const ha = new HaStore(deps.store, group);
  const recording = opts.recording
    ? createRecording(
        {
          store: deps.store,
          group,
          logger: log,
          registry: deps.registry,
          cloud: () => getCloud(),
          transaction: async () => {
            const [general, own] = await Promise.all([
              excs.settings('general'),
              excs.settings('conversation_provider'),
            ]);
            return { ...general, ...own };
          },
          isLeader: () => lease.token > 0,
          apiToken: opts.apiToken,
          userOf: (id) => watcher.current?.userByEmployeeId(id)?.cloudId,
        },
        opts.recording,
      )
    : undefined;
  const recStore = recording?.store ?? new RecStore(deps.store, group);
  const trackerCore: TrackerCore = recording ? recording.wrapCore(opts.core ?? core) : (opts.core ?? core);
  const queues = new OutboxQueues();
  let cloudState: { ok: boolean; detail?: string } = { ok: true, detail: 'nothing sent yet' };
  let pollTimer: NodeJS.Timeout | undefined;

  const excs = new ExcsClient({ baseUrl: opts.excsUrl, apiToken: opts.apiToken });
  const cloud = new LazyCloud({
    service: 'EXCP',
    excs,
    gc: opts.gc,
    logger,
    registry: deps.registry,
    tuning: opts.cloud,
  });
  const getCloud = (): Promise<CloudClient> => cloud.get();
  const watcher = new DirectoryWatcher({
    excs,
    intervalMs: opts.directoryPollMs ?? 5000,
    onDirectory(dir) {
      const r = links.follow(dir);
      log.info({ ...dir.counts, dnsAdded: r.added, dnsRemoved: r.removed }, 'directory from EXCS');
      processor.wake();
    },
    onError(err) {
      m.errors.inc({ kind: 'excs' });
      log.warn({ err: err.message }, 'EXCS not reachable; keeping the last directory');
    },
  });

  const sites = new SiteResolver(opts.switches);
  const links = new LinkSet({
    servers: opts.servers,
    heartbeatMs: opts.heartbeatMs ?? 5000,
    logger: log,
    registry: deps.registry,
    sites,
    directory: () => watcher.current,
    onEvent(input, pair) {
      m.eventsIn.inc({
        link: input.link,
        type: input.event.name,
        server: input.event.server ?? String(pair),
      });
      writer.add(input, pair);
    },
  });

  const writer = new InboxWriter({
    ha,
    seenTtlMs: opts.seenTtlMs ?? 120_000,
    onAppended(appended, known) {
      m.appended.inc(appended);
      m.deduplicated.inc(known);
      processor.wake();
    },
    onDropped(n) {
      m.dropped.inc(n);
      log.error({ dropped: n }, 'inbox buffer full while Redis is away: oldest events dropped');
    },
    onError(err) {
      m.errors.inc({ kind: 'store' });
      log.warn({ err: err.message, buffered: writer.buffered }, 'inbox append failed; retrying');
    },
  });

  const lease = new LeaseKeeper({
    ha,
    owner: instanceId,
    ttlMs: opts.leaseTtlMs ?? 3000,
    onAcquired(token) {
      m.leader.set(1);
      m.leaseChanges.inc({ change: 'acquired' });
      log.info({ token }, 'processing lease taken');
      processor.takeOver(token).then(
        (outbox) => {
          queues.clear();
          queues.add(outbox);
          m.outbox.set(queues.size);
          sender.wake();
        },
        (err: unknown) => {
          m.errors.inc({ kind: 'store' });
          log.warn({ err: (err as Error).message }, 'state not loaded after taking the lease');
        },
      );
    },
    onLost(reason) {
      m.leader.set(0);
      m.leaseChanges.inc({ change: 'lost' });
      log.warn({ reason }, 'processing lease lost');
      processor.release();
      queues.clear();
      m.outbox.set(0);
    },
    onError(err) {
      m.errors.inc({ kind: 'store' });
      log.warn({ err: err.message }, 'lease not renewed');
    },
  });

  const fenced = (): void => {
    m.errors.inc({ kind: 'fenced' });
    log.warn('a commit was refused: another instance holds the lease now');
    processor.release();
    queues.clear();
  };

  const processor: Processor = new Processor({
    ha,
    core: trackerCore,
    directory: () => watcher.current,
    token: () => lease.token,
    batch: opts.batch ?? 500,
    reorderMs: opts.reorderMs ?? 20,
    graceMs: opts.graceMs ?? 60_000,
    expireEveryMs: opts.expireEveryMs ?? 5000,
    logger: log,
    hooks: processorHooks({ metrics: m, logger: log }),
    emit(items) {
      queues.add(items);
      m.outbox.set(queues.size);
      sender.wake();
    },
    onFenced: fenced,
  });

  const rawSend: SendEvents = async (events, o) =>
    (await getCloud()).events.conversations(events, { caller: 'excp', slotTaken: o?.slotTaken === true });
  const send = opts.wrapSend ? opts.wrapSend(rawSend) : rawSend;
  let limiterOf: CloudClient | undefined;

  const sender = new ConversationSender({
    queues,
    send,
    ack: (token, seqs) => ha.ack(token, seqs),
    markSending: (token, seqs, now, request) => ha.markSending(token, seqs, now, request),
    readBack: async (id) => (await getCloud()).conversations.getConversation(id),
    ...(opts.sender?.inDoubtSettleMs !== undefined ? { inDoubtSettleMs: opts.sender.inDoubtSettleMs } : {}),
    token: () => lease.token,
    nextFreeAt: () => limiterOf?.limiter.nextFreeAt() ?? Date.now(),
    tryAcquire: () => (limiterOf ? limiterOf.limiter.tryAcquire() : undefined),
    batchLimit: opts.sender?.batchLimit ?? opts.cloud?.eventsBatchLimit ?? 100,
    maxInFlight: opts.sender?.maxInFlight ?? 4,
    ...(opts.sender?.retryDelayMs !== undefined ? { retryDelayMs: opts.sender.retryDelayMs } : {}),
    ...(opts.sender?.maxRetryDelayMs !== undefined ? { maxRetryDelayMs: opts.sender.maxRetryDelayMs } : {}),
    logger: log,
    hooks: senderHooks({
      metrics: m,
      queues,
      logger: log,
      ...(opts.onAccepted ? { onAccepted: opts.onAccepted } : {}),
      cloudState: (s) => (cloudState = s),
    }),
    onFenced: fenced,
  });

  const health: HealthCheck[] = [
    ...LINK_KINDS.map((kind) => linkHealth(kind, () => links.status(kind))),
    ...dependencyHealth({
      directory: () =>
        watcher.lastError
          ? { lastError: watcher.lastError }
          : watcher.current
            ? { counts: watcher.current.counts }
            : undefined,
      cloud: getCloud,
      cloudState: () => cloudState,
      processing: async () => ({
        holder: await ha.leaseHolder(),
        self: lease.token > 0,
        outbox: queues.size,
        cursor: String(processor.position),
      }),
    }),
    ...(recording ? [recording.health] : []),
  ];

  return {
    instanceId,
    links,
    health,
    isLeader: () => lease.token > 0,
    outboxSize: () => queues.size,
    backlog: async () => ({
      buffered: writer.buffered,
      inbox: (await ha.backlog()).inbox,
      outbox: queues.size,
    }),
    directory: () => watcher.current,
    ...(recording ? { recording } : {}),
    routes(app) {
      recordingRoutes(
        app,
        // The tracker's aliases are `call:<CallUUID>`; RecStore.chainOf also knows calls already ended.
        async (callUuid) => (await recStore.chainOf(callUuid)) !== null,
        recording,
      );
    },
    async start() {
      const growth = fixHeapGrowth();
      if (growth !== undefined)
        log.info({ heapGrowingPercent: growth }, 'V8 heap growth between major GCs fixed');
      getCloud().then(
        (c) => (limiterOf = c),
        (err: unknown) =>
          log.warn({ err: (err as Error).message }, 'Genesys Cloud settings not resolved yet'),
      );
      watcher.start();
      links.start();
      lease.start();
      sender.start();
      recording?.start();
      const poll = () => {
        processor.wake();
        sender.wake();
        pollTimer = setTimeout(poll, opts.pollMs ?? 100);
        pollTimer.unref();
      };
      poll();
    },
    async stop() {
      clearTimeout(pollTimer);
      watcher.stop();
      await links.close();
      // What this instance ingested reaches the inbox before it goes (the other instance has it too).
      await Promise.race([writer.drained(), new Promise((r) => setTimeout(r, 2000))]);
      writer.stop();
      await processor.settled();
      sender.stop();
      await Promise.race([sender.settled(), new Promise((r) => setTimeout(r, 5000))]);
      await recording?.stop();
      await lease.stop();
      await cloud.close();
    },
  };
}
