// The MCP simulator (DESIGN §6): follows the SIP Server simulator's calls through the T-Lib link's call
// monitoring, the way a real MCP is driven by SIP Server, and delivers every recorded segment as MCP does
// (delivery.ts). Composition root only; the pure parts are segments.ts and metadata.ts.
import type { Logger } from '../../../core/logger.ts';
import { silentLogger } from '../../../core/logger.ts';
import { createTlibLink, type TlibLink } from '../../../engage/tlib/link/link.ts';
import { parseMcpConfig, type McpConfig, type McpConfigInput } from './config.ts';
import { deliverSegment, type DeliveryResult } from './delivery.ts';
import { SegmentTracker, type FinishedSegment } from './segments.ts';

export { buildOpusFile, opusFilePages, parseOpusFile, type OpusFileOptions } from './opus-file.ts';
export { recordingFileName, recordingMetadata, type RecordingMetadata, type MediaFile } from './metadata.ts';
export type { DeliveryResult } from './delivery.ts';
export type { FinishedSegment } from './segments.ts';
export { parseMcpConfig, type McpConfig, type McpConfigInput } from './config.ts';

export interface McpSimulatorOptions {
  /** The SIP Server pairs to follow: `primary:port/backup:port[,…]`. */
  servers: string;
  /** Extension → agent id of the agents whose legs are recorded (the SIP Server simulator's topology). */
  agents: readonly { extension: string; agentId: string }[];
  config: McpConfigInput;
  heartbeatMs?: number;
  logger?: Logger;
  /** Called with each segment's outcome. */
  onResult?(r: DeliveryResult): void;
}

export interface McpStats {
  segments: number;
  delivered: number;
  irrecoverable: number;
  inFlight: number;
  queued: number;
  calls: number;
  recordings: number;
}

export interface McpSimulator {
  readonly config: McpConfig;
  /** Resolves once the link is registered on every SIP Server. */
  ready(timeoutMs?: number): Promise<void>;
  stats(): McpStats;
  /** The latest outcomes (up to 1000), oldest first. */
  results(): DeliveryResult[];
  /** Resolves when no segment is queued or being delivered. */
  idle(): Promise<void>;
  /** Stops following calls; segments already finished are still delivered. */
  stop(): Promise<void>;
}

const KEEP_RESULTS = 1000;

class DeliveryQueue {
  private readonly queue: FinishedSegment[] = [];
  private running = 0;
  private waiters: (() => void)[] = [];
  readonly kept: DeliveryResult[] = [];
  readonly counts = { segments: 0, delivered: 0, irrecoverable: 0 };

  constructor(
    private readonly config: McpConfig,
    private readonly logger: Logger,
    private readonly onResult?: (r: DeliveryResult) => void,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  push(s: FinishedSegment): void {
    this.counts.segments++;
    this.queue.push(s);
    this.pump();
  }

  idle(): Promise<void> {
    if (!this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.config.concurrency && this.queue.length) {
      const s = this.queue.shift()!;
      this.running++;
      void this.deliver(s);
    }
    if (!this.running && !this.queue.length) {
      const w = this.waiters;
      this.waiters = [];
      for (const resolve of w) resolve();
    }
  }

  private async deliver(s: FinishedSegment): Promise<void> {
    try {
      const r = await deliverSegment(s, { ...this.config, logger: this.logger });
      this.counts[r.outcome]++;
      this.kept.push(r);
      if (this.kept.length > KEEP_RESULTS) this.kept.shift();
      this.onResult?.(r);
    } catch (err) {
      // Only writing to the irrecoverable directory can throw here; the segment is lost, say so.
      this.counts.irrecoverable++;
      this.logger.error({ err, callUuid: s.callUuid }, 'recording segment lost');
    } finally {
      this.running--;
      this.pump();
    }
  }
}

export function startMcpSimulator(o: McpSimulatorOptions): McpSimulator {
  const config = parseMcpConfig(o.config);
  const logger = o.logger ?? silentLogger();
  const agents = new Map(o.agents.map((a) => [a.extension, a.agentId]));
  const tracker = new SegmentTracker({ agentOf: (ext) => agents.get(ext), trunk: config.trunk });
  const deliveries = new DeliveryQueue(config, logger, o.onResult);
  let stopped = false;
  const link: TlibLink = createTlibLink({
    servers: o.servers,
    dns: [],
    callMonitoring: true,
    heartbeatMs: o.heartbeatMs ?? 2000,
    logger,
    name: 'mcp-sim',
    onEvent(event) {
      if (stopped) return;
      for (const s of tracker.apply(event)) deliveries.push(s);
    },
  });
  return {
    config,
    ready: (timeoutMs) => link.ready({ all: true, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }),
    stats: () => ({
      ...deliveries.counts,
      inFlight: deliveries.inFlight,
      queued: deliveries.queued,
      ...tracker.active,
    }),
    results: () => [...deliveries.kept],
    idle: () => deliveries.idle(),
    async stop() {
      stopped = true;
      await link.close();
      await deliveries.idle();
    },
  };
}
