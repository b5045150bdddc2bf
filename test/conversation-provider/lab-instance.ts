// One EXCP instance of the lab, three ways: in this process (tests reach into it), isolated in a worker
// thread or a child process (its own event loop, as a deployed instance has: the benchmark), or as an
// `exec-connector run excp` process (which a test may SIGKILL). What an instance needs to find the lab
// is plain data, so that a worker thread can be given it.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { commonConfig } from '../../src/core/config/service-config.ts';
import type { Logger } from '../../src/core/logger.ts';
import {
  createConversationProvider,
  type ConversationProvider,
  type ConversationProviderOptions,
} from '../../src/services/conversation-provider/service.ts';
import { startService, type RunningService } from '../../src/services/runtime.ts';
import {
  stagesOf,
  STAGES,
  type Stage,
} from '../../src/services/conversation-provider/sender/outbox-queues.ts';
import { createRedisClient, RedisStore } from '../../src/store/index.ts';
import { freePort } from '../harness/index.ts';

/** Where the lab's pieces are: the same for every instance but `i`. */
export interface InstanceParams {
  i: number;
  redisUrl: string;
  keyPrefix: string;
  servers: Record<'vq' | 'agent' | 'call', string>;
  switches: string;
  excsUrl: string;
  gc: { apiUrl: string; authUrl: string; clientId: string; clientSecret: string };
}

export type Backlog = { buffered: number; inbox: number; outbox: number };

/** What a worker-thread instance recorded since it was last asked (when started with `record`). */
export interface InstanceStats {
  /** T-Lib event time → accepted, per event (ms). */
  latencies: number[];
  /** When each of those events was accepted (ms since the epoch), aligned with `latencies`. */
  acceptedAt: number[];
  /** Events per request sent, and each request's round trip (ms). */
  requests: number[];
  rtts: number[];
  rejected: number;
  /** Per accepted event with a trace, its latency by hop (ms): see stagesOf. */
  stages: Record<Stage, number[]>;
  /** The thread's garbage collection: total and longest pause (ms). */
  gc: { total: number; max: number };
  /** The thread's event-loop delay (ms): how late a ready callback ran. */
  loopDelay: { p99: number; max: number };
  /** The isolate's heap at its largest (MB), sampled every 250 ms: what the heap growth costs. */
  heapPeakMb: number;
}

/** Adds every garbage collection of this thread to `into` (total and longest pause, ms) until disconnected. */
export function observeGc(into: { total: number; max: number }): PerformanceObserver {
  const o = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      into.total += e.duration;
      into.max = Math.max(into.max, e.duration);
    }
  });
  o.observe({ entryTypes: ['gc'] });
  return o;
}

export const emptyStats = (): InstanceStats => ({
  latencies: [],
  acceptedAt: [],
  requests: [],
  rtts: [],
  rejected: 0,
  stages: { received: [], processed: [], queued: [], sent: [] },
  gc: { total: 0, max: 0 },
  loopDelay: { p99: 0, max: 0 },
  heapPeakMb: 0,
});

/** Options that make an instance record into `stats` what it sends and when each event is accepted. */
export function recordingHooks(stats: InstanceStats): Partial<ConversationProviderOptions> {
  return {
    wrapSend: (send) => async (events, o) => {
      const t0 = Date.now();
      const res = await send(events, o);
      stats.rtts.push(Date.now() - t0);
      stats.requests.push(events.length);
      const failed = new Set(res.errors.map((e) => e.eventId));
      for (const e of events)
        if (failed.has((e.event as { eventId?: string }).eventId ?? '')) stats.rejected++;
      return res;
    },
    // From the T-Lib event time of the event that produced it (an event stamped earlier, e.g. a wrap-up
    // code known only when after-call work ends, is measured from when it could be known).
    onAccepted: (item, now) => {
      stats.latencies.push(now - item.eventTimeMs);
      stats.acceptedAt.push(now);
      const stages = stagesOf(item, now);
      if (stages) for (const s of STAGES) stats.stages[s].push(stages[s]);
    },
  };
}

export interface ExcpInstance {
  name: string;
  url: string;
  /** In-process instances only. */
  service?: RunningService;
  excp?: ConversationProvider;
  /** Child-process instances only. */
  child?: ChildProcess;
  /** In-process and isolated instances. */
  backlog?(): Promise<Backlog>;
  /** Isolated instances started with `record`: what was recorded since the last call. */
  stats?(): Promise<InstanceStats>;
  /** Isolated instances: the event loop's load and the CPU spent outside this process since the last call. */
  load?(): Promise<InstanceLoad>;
  stop(): Promise<void>;
  kill?(): Promise<void>;
}

/** The lab's defaults: fast heartbeats and takeovers, short backoffs; `options` go over them. */
export function labOptions(p: InstanceParams): ConversationProviderOptions {
  return {
    servers: p.servers,
    switches: new Map(p.switches.split(',').map((e) => e.split('=') as [string, string])),
    excsUrl: p.excsUrl,
    gc: p.gc,
    instanceId: `excp-${p.i}`,
    heartbeatMs: 500,
    leaseTtlMs: 1000,
    pollMs: 20,
    directoryPollMs: 200,
    cloud: {
      rateLimitPerMinute: 100_000,
      backoff: { baseMs: 50, maxMs: 400 },
      maxRetries: 2,
      fetchTimeoutMs: 5000,
    },
    sender: { retryDelayMs: 50, maxRetryDelayMs: 500 },
  };
}

export async function startInProcess(
  p: InstanceParams,
  options: Partial<ConversationProviderOptions>,
  logger: Logger,
  listen?: { host: string; port: number },
): Promise<ExcpInstance> {
  const store = new RedisStore(createRedisClient(p.redisUrl), p.keyPrefix);
  let excp!: ConversationProvider;
  const service = await startService(
    {
      name: 'excp',
      port: () => 0,
      async create(deps) {
        excp = createConversationProvider(deps, { ...labOptions(p), ...options });
        return excp;
      },
    },
    {
      config: commonConfig('excp', {}, []),
      store,
      logger,
      host: listen?.host ?? '127.0.0.1',
      port: listen?.port ?? 0,
    },
  );
  return {
    name: `excp-${p.i}`,
    url: service.url,
    service,
    excp,
    backlog: () => excp.backlog(),
    async stop() {
      await service.stop();
      await store.close();
    },
  };
}

/** The options a worker thread or child process can be given (no functions), and whether it records. */
export interface IsolatedData {
  params: InstanceParams;
  options: Partial<ConversationProviderOptions>;
  record: boolean;
}

/** How an isolated instance is run: a worker thread of this process, or a child process of its own. */
export type Isolation = 'thread' | 'process';

/** An isolated instance's load since it was last asked: event loop busy (0–1), and CPU spent outside this process. */
export interface InstanceLoad {
  busy: number;
  outsideCpuMs: number;
}

export type FromInstance =
  | { kind: 'ready'; url: string }
  | { kind: 'backlog'; backlog: Backlog }
  | { kind: 'stats'; stats: InstanceStats }
  | { kind: 'load'; load: InstanceLoad }
  | { kind: 'stopped' }
  | { kind: 'failed'; message: string };

export type ToInstance = { kind: 'backlog' | 'stats' | 'load' | 'stop' };

/**
 * An instance with its own event loop and isolate: in a worker thread, or in a child process (its own
 * V8 heap, GC helper threads and scheduling, as a deployed instance has). Both answer the same messages.
 */
export async function startIsolated(
  p: InstanceParams,
  options: Partial<ConversationProviderOptions>,
  record: boolean,
  isolation: Isolation,
): Promise<ExcpInstance> {
  const entry = new URL('./instance-worker.ts', import.meta.url);
  const data: IsolatedData = { params: p, options, record };
  let peer: Worker | ChildProcess;
  let post: (m: ToInstance) => void;
  if (isolation === 'thread') {
    // A .ts worker entry is loaded through tsx's scoped loader.
    const boot = `import('tsx/esm/api').then((t) => t.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
    const worker = new Worker(boot, { eval: true, workerData: data });
    peer = worker;
    post = (m) => worker.postMessage(m);
  } else {
    const child = fork(fileURLToPath(entry), [JSON.stringify(data)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    peer = child;
    post = (m) => child.send(m);
  }
  const next = <K extends FromInstance['kind']>(kind: K): Promise<Extract<FromInstance, { kind: K }>> =>
    new Promise((resolve, reject) => {
      const done = () => {
        peer.off('message', on);
        peer.off('error', onError);
        peer.off('exit', onExit);
      };
      const onError = (err: Error) => {
        done();
        reject(err);
      };
      // A child that dies before answering (a failed import, say) emits no 'error': without this the
      // lab would wait for its answer forever.
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`excp ${p.i} (${isolation}) exited (${code}) before answering "${kind}"`));
      };
      const on = (m: FromInstance) => {
        if (m.kind === 'failed') {
          done();
          reject(new Error(`excp ${p.i} (${isolation}): ${m.message}`));
        }
        if (m.kind !== kind) return;
        done();
        resolve(m as Extract<FromInstance, { kind: K }>);
      };
      peer.on('message', on);
      peer.on('error', onError);
      peer.on('exit', onExit);
    });
  const exited = new Promise<void>((r) => peer.once('exit', () => r()));
  const { url } = await next('ready');
  const ask = async <K extends FromInstance['kind']>(kind: K & ToInstance['kind']) => {
    const answer = next(kind);
    post({ kind });
    return answer;
  };
  return {
    name: `excp-${p.i}`,
    url,
    load: async () => (await ask('load')).load,
    backlog: async () => (await ask('backlog')).backlog,
    stats: async () => (await ask('stats')).stats,
    async stop() {
      const answer = next('stopped');
      post({ kind: 'stop' });
      await answer;
      if (peer instanceof Worker) await peer.terminate();
      else peer.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startProcess(p: InstanceParams, env: Record<string, string>): Promise<ExcpInstance> {
  const port = await freePort();
  const u = new URL(p.redisUrl);
  const child = spawn(process.execPath, ['bin/exec-connector.js', 'run', 'excp'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Only what the service reads (the machine's own *_FILE variables would be taken for secrets).
    env: {
      PATH: process.env.PATH ?? '',
      EXEC_TENANT_ID: '1',
      EXCP_1_PORT: String(port),
      EXCP_1_VM_HOST_PAIR: '127.0.0.1,127.0.0.1',
      EXCP_1_TAG: 'test',
      EXCP_1_LOG_FILE_NAME: 'excp.log',
      EXCP_1_VOICE_SERVER_VQ: p.servers.vq,
      EXCP_1_VOICE_SERVER_AGENT: p.servers.agent,
      EXCP_1_VOICE_SERVER_CALL: p.servers.call,
      EXCP_1_SWITCHES: p.switches,
      EXEC_EXCS_URL: p.excsUrl,
      EXEC_REDIS_HOST: u.hostname,
      EXEC_REDIS_PORT: u.port,
      EXEC_REDIS_KEY_PREFIX: p.keyPrefix,
      EXEC_GC_API_URL: p.gc.apiUrl,
      EXEC_GC_AUTH_URL: p.gc.authUrl,
      EXEC_GC_CLIENT_ID: p.gc.clientId,
      EXEC_GC_CLIENT_SECRET: p.gc.clientSecret,
      LOG_CONSOLE_LEVEL: 'WARN',
      ...env,
    },
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`excp ${p.i} exited: ${err}`);
    const ok = await fetch(`${url}/health`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`excp ${p.i} did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name: `excp-${p.i}`,
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
