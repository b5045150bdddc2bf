// Recording injection in EXCP (seed 003, "How recording injection works"; docs/conversation-provider.md,
// "Recording"): composition of the journal (tracker decorator), the metadata endpoint's store side, the
// settings (transaction + Genesys Cloud STA), and the lease holder's dispatcher.
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { CloudClient } from '../../../cloud/index.ts';
import { ApiError, Reply } from '../../../core/http/envelope.ts';
import type { HealthCheck } from '../../../core/http/health.ts';
import { addSecret, type Logger } from '../../../core/logger.ts';
import type { StateStore } from '../../../store/index.ts';
import { keys } from '../../../store/keys.ts';
import type { TrackerCore } from '../ha/processor.ts';
import { girBaseUrl } from './clients.ts';
import { RecordingDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { withRecordingJournal } from './journal.ts';
import type { StaSnapshot } from './decide.ts';
import { describeIssues, segmentsFromMcp, type Segment } from './metadata.ts';
import { createRecordingMetrics } from './metrics.ts';
import { recordingSettings, type RecordingSettings } from './options.ts';
import { RecStore } from './rec-store.ts';
import { StaSettingsCache } from './sta-settings.ts';

export interface RecordingOptions {
  /** EXRP through the load balancer: http://EXCP_RECORDING_PROCESSOR_PROXY_HOST:PORT. */
  exrpUrl: string;
  /** EXCP_GIR_HOST: GIR mode (metadata pulled from RWS instead of posted by MCP). */
  girHost?: string;
  /** Taken instead of the transaction's conversation_provider options (tests, overrides). */
  settings?: RecordingSettings;
  /** How long after a call ends MCP's last segments are waited for (default 10 s). */
  settleMs?: number;
  pollMs?: number;
  /** How long snapshots, segments and sent-marks are kept (default 48 h, at least GIR's duration + 1 h). */
  ttlMs?: number;
  /** Transcription settings and programs (default 15 min, seed 003). */
  staRefreshMs?: number;
  /** The transaction's options (default 60 s). */
  settingsRefreshMs?: number;
  retry?: { baseMs: number; maxMs: number };
  /** Tests: replaces the HTTP POST to EXRP. */
  send?: DispatcherOptions['send'];
}

export interface RecordingDeps {
  store: StateStore;
  group: string;
  logger: Logger;
  registry: Registry;
  cloud(): Promise<CloudClient>;
  /** The conversation_provider section from EXCS. */
  transaction(): Promise<Record<string, unknown>>;
  isLeader(): boolean;
  userOf?(agentId: string): string | undefined;
  /** EXEC_API_TOKEN, sent to EXRP as a bearer. */
  apiToken?: string | undefined;
}

export interface Recording {
  wrapCore(core: TrackerCore): TrackerCore;
  knows(callUuid: string): Promise<boolean>;
  /** The metadata endpoint after its JSON and known-call checks: validate, store, answer. */
  accept(body: unknown): Promise<Reply>;
  health: HealthCheck;
  start(): void;
  stop(): Promise<void>;
  /** Introspection for tests. */
  dispatcher: RecordingDispatcher;
  store: RecStore;
  settings(): RecordingSettings | undefined;
  /** The Genesys Cloud STA settings as last read. */
  sta(): StaSnapshot | undefined;
}

export function createRecording(deps: RecordingDeps, o: RecordingOptions): Recording {
  const log = deps.logger.child({ part: 'recording' });
  const metrics = createRecordingMetrics(deps.registry);
  const rec = new RecStore(deps.store, deps.group);
  let current: RecordingSettings | undefined = o.settings;
  let settingsError: string | undefined;
  let settingsTimer: NodeJS.Timeout | undefined;
  const settleMs = o.settleMs ?? 10_000;

  const ttlMs = () => Math.max(o.ttlMs ?? 48 * 3_600_000, (current?.gir?.durationMs ?? 0) + 3_600_000);

  async function loadSettings(): Promise<void> {
    if (o.settings) return;
    try {
      const r = recordingSettings(await deps.transaction());
      if (r.settings) {
        if (r.settings.gir) addSecret(deps.logger, r.settings.gir.password);
        if (current?.enabled !== r.settings.enabled)
          log.info({ enabled: r.settings.enabled }, 'conversation_provider/recording_enabled');
        current = r.settings;
        settingsError = undefined;
      } else {
        settingsError = r.problems.join('; ');
        log.error({ problems: r.problems }, 'recording options not valid; keeping the last valid ones');
      }
    } catch (err) {
      settingsError = (err as Error).message;
      log.warn({ err: settingsError }, 'recording options not read from EXCS yet');
    }
  }

  const sta = new StaSettingsCache({
    cloud: deps.cloud,
    refreshMs: o.staRefreshMs ?? 15 * 60_000,
    logger: log,
  });
  const dispatcher = new RecordingDispatcher({
    rec,
    isLeader: deps.isLeader,
    settings: () => current,
    sta,
    exrpUrl: o.exrpUrl,
    apiToken: deps.apiToken,
    ...(o.girHost ? { girBaseUrl: girBaseUrl(o.girHost) } : {}),
    ...(deps.userOf ? { userOf: deps.userOf } : {}),
    loadChains: () => deps.store.hgetall(keys.excp.chains(deps.group)),
    settleMs,
    get ttlMs() {
      return ttlMs();
    },
    pollMs: o.pollMs ?? 1000,
    retry: o.retry ?? { baseMs: 1000, maxMs: 300_000 },
    logger: log,
    metrics,
    ...(o.send ? { send: o.send } : {}),
  });

  return {
    dispatcher,
    store: rec,
    settings: () => current,
    sta: () => sta.current(),
    wrapCore: (core) =>
      withRecordingJournal(core, {
        ended: (chain) => dispatcher.ended(chain),
        handedOff: (key) => dispatcher.handedOff(key),
      }),
    async knows(callUuid) {
      return (await rec.chainOf(callUuid)) !== null;
    },
    async accept(body) {
      if (!current?.enabled) {
        metrics.segments.inc({ source: 'mcp', result: 'disabled' });
        return new Reply(
          { stored: 0 },
          'Recording is disabled (conversation_provider/recording_enabled): metadata not stored',
        );
      }
      if (o.girHost)
        return new Reply({ stored: 0 }, 'GIR mode: recording metadata is read from GIR RWS, not stored');
      let segments: Segment[];
      try {
        segments = segmentsFromMcp(body);
      } catch (err) {
        metrics.segments.inc({ source: 'mcp', result: 'invalid' });
        if (err instanceof z.ZodError)
          throw new ApiError(400, `The recording metadata is not valid: ${describeIssues(err)}`, 40002);
        throw err;
      }
      const chains: string[] = [];
      for (const seg of segments) {
        const chain = await rec.chainOf(seg.callUuid);
        if (!chain) {
          metrics.segments.inc({ source: 'mcp', result: 'unknown-call' });
          throw new ApiError(404, 'CallUUID not found', 40402);
        }
        chains.push(chain);
      }
      let stored = 0;
      for (const [i, seg] of segments.entries()) {
        const isNew = await rec.putSegment(chains[i]!, seg, ttlMs(), Date.now() + settleMs);
        metrics.segments.inc({ source: 'mcp', result: isNew ? 'stored' : 'repeated' });
        if (isNew) stored++;
      }
      dispatcher.wake();
      return new Reply(
        { callUuid: segments[0]!.callUuid, segments: segments.map((s) => s.segmentId), stored },
        'Recording metadata stored',
      );
    },
    health: {
      name: 'recording',
      critical: false,
      check: () => {
        const problems = [settingsError, sta.lastError, dispatcher.lastError].filter(Boolean);
        const mode = o.girHost ? 'GIR' : 'MCP';
        return problems.length
          ? { ok: false, detail: problems.join('; ') }
          : { ok: true, detail: `${current?.enabled ? 'enabled' : 'disabled'} (${mode}); EXRP ${o.exrpUrl}` };
      },
    },
    start() {
      void loadSettings().then(() => {
        if (current?.enabled) void sta.ready();
      });
      const tick = () => {
        settingsTimer = setTimeout(() => void loadSettings().finally(tick), o.settingsRefreshMs ?? 60_000);
        settingsTimer.unref();
      };
      tick();
      dispatcher.start();
    },
    async stop() {
      clearTimeout(settingsTimer);
      sta.stop();
      await dispatcher.stop();
    },
  };
}
