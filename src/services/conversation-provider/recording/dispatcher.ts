// The lease holder's side of recording injection: hands ended conversations to the recording queue in
// Redis (once; also after a takeover, from the chains in Redis), and works the due list — GIR fetches,
// then one interaction-end request per segment not yet accepted by EXRP. Any instance may have to do it
// after a switchover: everything it needs is in Redis, and a request sent twice is harmless (EXRP's job
// id is the segment id).
import type { Logger } from '../../../core/logger.ts';
import type { ChainState } from '../core/api.ts';
import { contextOf, type RecContext } from './context.ts';
import { decideSegment } from './decide.ts';
import { fetchGirRecording, postInteractionEnd, type GirOutcome, type SendOutcome } from './clients.ts';
import type { InteractionEndInput } from '../../recording-provider/interaction-end.ts';
import { recordable, type JournaledChain } from './journal.ts';
import type { Segment } from './metadata.ts';
import type { RecordingMetrics } from './metrics.ts';
import type { RecordingSettings } from './options.ts';
import type { DueEntry, RecStore } from './rec-store.ts';
import type { StaSettingsCache } from './sta-settings.ts';

export interface DispatcherOptions {
  rec: RecStore;
  isLeader(): boolean;
  settings(): RecordingSettings | undefined;
  sta: StaSettingsCache;
  exrpUrl: string;
  /** EXEC_API_TOKEN: EXRP enforces it on /api/* when set. */
  apiToken?: string | undefined;
  /** Set in GIR mode (EXCP_GIR_HOST). */
  girBaseUrl?: string;
  userOf?(agentId: string): string | undefined;
  /** The tracker's chains as stored (the takeover scan). */
  loadChains(): Promise<Record<string, string>>;
  /** How long after the end of a call MCP's last segments are waited for. */
  settleMs: number;
  ttlMs: number;
  pollMs: number;
  retry: { baseMs: number; maxMs: number };
  logger: Logger;
  metrics: RecordingMetrics;
  send?(body: InteractionEndInput): Promise<SendOutcome>;
  fetchGir?(callUuid: string): Promise<GirOutcome>;
}

const PARALLEL = 8;

export class RecordingDispatcher {
  private readonly pending = new Map<string, RecContext>();
  /** Chains handed off (or not to be), with when: kept an hour, long past the tracker's grace period. */
  private readonly handed = new Map<string, number>();
  private readonly attempts = new Map<string, number>();
  private scanned = false;
  /** When the due list is worth reading again (the earliest entry not ready, or a local wake). */
  private readAt = 0;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  lastError: string | undefined;

  constructor(private readonly o: DispatcherOptions) {}

  private enabled(): boolean {
    return this.o.settings()?.enabled === true;
  }

  /** From the journal: a recordable chain ended (in the lease holder's step). */
  ended(chain: JournaledChain): void {
    if (!this.enabled()) {
      this.handed.set(chain.key, Date.now());
      return;
    }
    this.pending.set(chain.key, contextOf(chain));
    this.wake();
  }

  /** Whether the tracker may drop an ended chain (its recording work is in Redis, or recording is off). */
  handedOff(chainKey: string): boolean {
    return this.handed.has(chainKey) || !this.enabled();
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.tick().finally(loop), this.o.pollMs);
      this.timer.unref();
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  wake(): void {
    this.readAt = 0;
    if (!this.stopped) void this.tick();
  }

  /** One round (serialised): hand-offs, the takeover scan, what is due. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    const old = Date.now() - 3_600_000;
    for (const [key, at] of this.handed) if (at < old) this.handed.delete(key);
    try {
      await this.flush();
      if (!this.o.isLeader()) {
        this.scanned = false;
        return;
      }
      if (!this.enabled()) return;
      if (!this.scanned) {
        this.readAt = 0;
        await this.scan();
        this.scanned = true;
      }
      await this.dispatchDue();
      this.lastError = undefined;
    } catch (err) {
      this.lastError = (err as Error).message;
      this.o.logger.warn({ err: this.lastError }, 'recording dispatch paused: store not reachable');
    }
  }

  private firstDueMs(now: number): number {
    const gir = this.o.girBaseUrl ? this.o.settings()?.gir : undefined;
    return now + (gir ? gir.delayMs : this.o.settleMs);
  }

  private async flush(): Promise<void> {
    for (const [key, ctx] of [...this.pending]) {
      const now = Date.now();
      if (await this.o.rec.handOff({ ...ctx, handedAtMs: now }, this.o.ttlMs, this.firstDueMs(now)))
        this.o.metrics.handedOff.inc();
      this.handed.set(key, now);
      this.pending.delete(key);
    }
  }

  /** After taking the lease: ended chains the last holder may not have handed off. */
  private async scan(): Promise<void> {
    const chains = await this.o.loadChains();
    for (const [key, json] of Object.entries(chains)) {
      if (this.handed.has(key)) continue;
      let chain: JournaledChain;
      try {
        chain = JSON.parse(json) as ChainState;
      } catch {
        continue;
      }
      if (!recordable(chain) || chain.endedMs === undefined || chain.rec?.endedMs === undefined) continue;
      if (await this.o.rec.isHandedOff(key)) this.handed.set(key, Date.now());
      else this.pending.set(key, contextOf(chain));
    }
    await this.flush();
  }

  private async dispatchDue(): Promise<void> {
    if (Date.now() < this.readAt) return;
    const all = await this.o.rec.due();
    this.o.metrics.due.set(all.length);
    const now = Date.now();
    const ready = all.filter((e) => e.dueMs <= now).slice(0, 200);
    // The list is read again when its next entry is due; at least every half settle time (at most 5 s),
    // for entries the other instance made due (a segment posted there after the call ended).
    const later = all.find((e) => e.dueMs > now)?.dueMs ?? Infinity;
    const recheck = Math.min(5000, Math.max(this.o.pollMs, this.o.settleMs / 2));
    this.readAt = ready.length ? 0 : Math.min(later, now + recheck);
    for (let i = 0; i < ready.length && this.o.isLeader(); i += PARALLEL)
      await Promise.all(ready.slice(i, i + PARALLEL).map((e) => this.dispatchOne(e)));
  }

  private backoff(key: string): number {
    const n = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, n);
    return Math.min(this.o.retry.maxMs, this.o.retry.baseMs * 2 ** (n - 1));
  }

  /** GIR: fetch the calls not fetched yet; returns the fetched markers and when to try again. */
  private async fetchGir(
    ctx: RecContext,
    sent: Set<string>,
    segments: Map<string, Segment>,
  ): Promise<{ done: string[]; nextMs?: number }> {
    const gir = this.o.settings()?.gir;
    const done: string[] = [];
    let nextMs: number | undefined;
    if (!gir || !this.o.girBaseUrl) {
      this.o.logger.error(
        'GIR mode (EXCP_GIR_HOST) without gir_orgId, gir_user and gir_password: cannot fetch',
      );
      return { done, nextMs: Date.now() + this.o.retry.maxMs };
    }
    const fetchOne =
      this.o.fetchGir ??
      ((callUuid: string) =>
        fetchGirRecording({
          baseUrl: this.o.girBaseUrl!,
          ccid: gir.ccid,
          user: gir.user,
          password: gir.password,
          callUuid,
        }));
    for (const callUuid of ctx.calls) {
      const marker = `gir:${callUuid}`;
      if (sent.has(marker)) continue;
      const r = await fetchOne(callUuid);
      const now = Date.now();
      if (r.kind === 'found') {
        this.o.metrics.gir.inc({ result: 'found' });
        for (const seg of r.segments) {
          await this.o.rec.putSegment(ctx.chainKey, seg, this.o.ttlMs, now);
          segments.set(seg.segmentId, seg);
        }
        done.push(marker);
        continue;
      }
      this.o.metrics.gir.inc({ result: r.kind });
      const next = now + gir.intervalMs;
      const deadline = (ctx.handedAtMs ?? now) + gir.durationMs;
      if (next > deadline) {
        this.o.metrics.gir.inc({ result: 'gave-up' });
        const log = callUuid === ctx.chainKey ? this.o.logger.warn : this.o.logger.info;
        log.call(
          this.o.logger,
          { callUuid, conversationId: ctx.conversationId, reason: r.message },
          'GIR metadata not found within gir_metadata_fetch_duration: no recording injected for this call',
        );
        done.push(marker);
      } else nextMs = Math.min(nextMs ?? Infinity, next);
    }
    return { done, ...(nextMs !== undefined ? { nextMs } : {}) };
  }

  private async freshContext(ctx: RecContext): Promise<RecContext | undefined> {
    const json = await this.o.rec.liveChain(ctx.chainKey);
    if (!json) return undefined;
    try {
      const chain = JSON.parse(json) as JournaledChain;
      if (!recordable(chain)) return undefined;
      const fresh = {
        ...contextOf(chain),
        ...(ctx.handedAtMs !== undefined ? { handedAtMs: ctx.handedAtMs } : {}),
      };
      return JSON.stringify(fresh) === JSON.stringify(ctx) ? undefined : fresh;
    } catch {
      return undefined;
    }
  }

  private async dispatchOne(e: DueEntry): Promise<void> {
    const { rec, logger, metrics } = this.o;
    const loaded = await rec.load(e.chainKey);
    const { segments: stored, sent } = loaded;
    let ctx = loaded.ctx;
    if (ctx) {
      // While the tracker still holds the chain, it is the better snapshot: events of the call's other
      // legs may have been processed after the end was (another site's link, a loaded machine).
      const fresh = await this.freshContext(ctx);
      if (fresh) {
        ctx = fresh;
        await rec.refreshContext(ctx, this.o.ttlMs);
      }
    }
    if (!ctx) {
      // The snapshot expired (ttl): nothing can be linked any more.
      this.attempts.delete(e.chainKey);
      await rec.finish(e, [], this.o.ttlMs);
      return;
    }
    const settings = this.o.settings();
    const segments = new Map(stored.map((s) => [s.segmentId, s]));
    const done: string[] = [];
    let nextMs: number | undefined;
    if (this.o.girBaseUrl) {
      const g = await this.fetchGir(ctx, sent, segments);
      done.push(...g.done);
      nextMs = g.nextMs;
    }
    await this.o.sta.ready();
    const send =
      this.o.send ??
      ((b: InteractionEndInput) => postInteractionEnd(this.o.exrpUrl, b, { apiToken: this.o.apiToken }));
    let failed = false;
    for (const seg of segments.values()) {
      if (sent.has(seg.segmentId)) continue;
      const d = decideSegment(ctx, seg, this.o.sta.current(), settings?.sta ?? {}, this.o.userOf);
      const where = { callUuid: seg.callUuid, conversationId: ctx.conversationId, segmentId: seg.segmentId };
      if (!d.request) {
        logger.warn({ ...where, reason: d.skipped }, 'recorded segment not injected');
        done.push(seg.segmentId);
        continue;
      }
      const r = await send(d.request);
      if (r.ok) {
        metrics.requests.inc({ result: 'accepted', link: d.link });
        metrics.sta.inc({ reason: d.sta });
        logger.info(
          { ...where, link: d.link, participantId: d.request.participantId, sta: d.sta },
          'recording handed to EXRP',
        );
        done.push(seg.segmentId);
      } else if (!r.retryable) {
        metrics.requests.inc({ result: 'rejected', link: d.link });
        logger.error(
          { ...where, reason: r.message, body: d.request },
          'EXRP refused the interaction-end request',
        );
        done.push(seg.segmentId);
      } else {
        metrics.requests.inc({ result: 'retried', link: d.link });
        logger.warn({ ...where, reason: r.message }, 'interaction-end not accepted yet; retrying');
        failed = true;
        break;
      }
    }
    if (failed) nextMs = Math.min(nextMs ?? Infinity, Date.now() + this.backoff(e.chainKey));
    else this.attempts.delete(e.chainKey);
    await rec.finish(e, done, this.o.ttlMs, nextMs);
  }
}
