// The sync loop: a full pass at start (lists the org), then a cheap poll of the Config DB history every
// EXCS_POLL_INTERVAL_MS; a change triggers an incremental pass (Engage re-read in one snapshot, planned
// against the mapping store's record of the org: no org listing), and a full pass runs every
// `reconcileMs` (and after a pass that could not complete) to put back what was changed in the org.
// An operation the cloud refuses is retried per object with backoff (`applier/retries.ts`), while the
// rest goes on; a plan deactivating more users than the guard allows waits for a confirmation
// (`planner/guard.ts`).
import type { CloudClient, LoginStatus } from '../../cloud/index.ts';
import type { Logger } from '../../core/logger.ts';
import type {
  ChangeCursor,
  ChangesSince,
  EngageSnapshot as DbSnapshot,
} from '../../engage/configdb/model.ts';
import { applyPlan, type ApplyOptions, type ApplyResult } from './applier/apply.ts';
import { holdBack, RetryBook, type RetryPolicy } from './applier/retries.ts';
import { readOrg, type OrgExtras } from './applier/readOrg.ts';
import { refreshApiFields } from './applier/userEntry.ts';
import type { Desired } from './desired.ts';
import type { SyncMetrics } from './metrics.ts';
import { guardVerdict, mappedUserCount, type Confirmation, type HeldPlan } from './planner/guard.ts';
import { buildPlan } from './planner/plan.ts';
import type { OrgView, Plan } from './planner/types.ts';
import { formatFindings, preflight, type Finding } from './preflight/findings.ts';
import { ruleOptions, type EnvKnobs, type RuleOptions } from './rules/options.ts';
import { PreviewCache } from './previewCache.ts';
import { fromConfigDb } from './snapshot.ts';
import { RuleLog } from './ruleLog.ts';
import type { SyncStatusData } from './status.ts';
import { progressReporter, publishCounts, reportHeld, reportReleased } from './pass-report.ts';
import type { MappingStore } from './store/mappingStore.ts';

export interface EngineDeps {
  readSnapshot(): Promise<DbSnapshot>;
  readChanges(cursor: ChangeCursor): Promise<ChangesSince>;
  /** The cloud client, made from the transaction's settings (and the EXEC_GC_* overrides). */
  cloudFor(snapshot: DbSnapshot): CloudClient;
  mapping: MappingStore;
  /** Where an operator's confirmation of a held plan arrives (HTTP or the CLI). */
  confirmations: { read(): Promise<Confirmation | undefined>; clear(): Promise<void> };
  logger: Logger;
  metrics: SyncMetrics;
  env: EnvKnobs;
  pollMs: number;
  reconcileMs: number;
  /** Per-object retries of refused operations (default 5 s doubling to 15 min). */
  retryPolicy?: RetryPolicy;
  /** How long a computed plan is served again to `GET /api/v1/plan` (default 15 s). */
  planCacheMs?: number;
  clock?: { now(): number };
}

export type PassKind = 'full' | 'incremental';

export const DEFAULT_PLAN_CACHE_MS = 15_000;

export interface Preview {
  plan: Plan;
  desired: Desired;
  /** Set when the guard would hold this plan: the id an operator confirms. */
  held?: HeldPlan;
}

export class SyncEngine {
  private cloud: CloudClient | undefined;
  private cloudKey = '';
  private extras: OrgExtras | undefined;
  private orgRoles: string[] = [];
  private cursor: ChangeCursor | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFull = 0;
  private needFull = true;
  private held: HeldPlan | undefined;
  private readonly ruleLog: RuleLog;
  private configDbDown = false;
  /** A new one per start: the writer role stops and starts the engine as the lease comes and goes. */
  private abort = new AbortController();
  private readonly clock: { now(): number };
  private readonly retries: RetryBook;
  private readonly previews: PreviewCache<Preview>;
  snapshot: DbSnapshot | undefined;
  readonly status: SyncStatusData = {
    syncStatus: { timeStamp: new Date().toISOString(), status: 'InProgress' },
    initialSyncDone: false,
    progress: { done: 0, total: 0 },
    counts: { users: 0, skills: 0, queues: 0, wrapupcodes: 0, extensions: 0, source: 0 },
    skipped: [],
    failing: [],
    held: null,
    lastPass: null,
    lastError: null,
  };

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? Date;
    this.ruleLog = new RuleLog(deps.env, deps.logger);
    this.retries = new RetryBook(this.clock, deps.retryPolicy);
    this.previews = new PreviewCache(deps.planCacheMs ?? DEFAULT_PLAN_CACHE_MS, this.clock);
  }

  /** The cloud client's login state (failed logins back off), once a client exists. */
  loginStatus(): LoginStatus | undefined {
    return this.cloud?.loginStatus();
  }

  start(): void {
    this.abort = new AbortController();
    this.needFull = true;
    void this.tick(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await this.cloud?.close();
    this.cloud = undefined;
  }

  private schedule(signal: AbortSignal): void {
    if (signal.aborted) return;
    this.timer = setTimeout(() => void this.tick(signal), this.deps.pollMs);
  }

  /** One poll of the loop started with `signal` (a loop from before a stop ends with that stop). */
  private async tick(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    try {
      const kind = await this.nextPass();
      if (kind) await this.runPass(kind);
    } catch {
      // runPass recorded it; the next tick retries with a full pass.
    } finally {
      this.schedule(signal);
    }
  }

  /**
   * Which pass this tick runs, if any: a full one when due; an incremental one when Engage changed or a
   * failed object's retry is due. While a plan is held only a confirmation or an Engage change re-plans
   * (never a full re-read every tick).
   */
  private async nextPass(): Promise<PassKind | undefined> {
    const now = this.clock.now();
    const reconcileDue = now - this.lastFull >= this.deps.reconcileMs;
    if (this.held) {
      const c = await this.deps.confirmations.read();
      if (c?.planId === this.held.planId) return 'incremental';
      if (reconcileDue) return 'full';
      return (await this.engageChanged()) ? 'incremental' : undefined;
    }
    if (this.needFull || reconcileDue) return 'full';
    if (await this.engageChanged()) return 'incremental';
    const due = this.retries.nextDueAt();
    return due !== undefined && due <= now ? 'incremental' : undefined;
  }

  private async engageChanged(): Promise<boolean> {
    if (!this.cursor) return false;
    const ch = await this.pollConfigDb(this.cursor);
    if (!ch || ch.changes.length === 0) return false;
    this.deps.logger.info({ changes: ch.changes.length }, 'excs: Engage configuration changed');
    return true;
  }

  /**
   * The change poll; a Config DB that does not answer is reported in /status (Failed, naming it) and
   * logged once per outage, and the pass after it is full.
   */
  private async pollConfigDb(cursor: ChangeCursor): Promise<ChangesSince | undefined> {
    try {
      const ch = await this.deps.readChanges(cursor);
      if (this.configDbDown) this.deps.logger.info('excs: the Config DB answers again');
      this.configDbDown = false;
      return ch;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const msg = why.startsWith('Config DB') ? why : `Config DB: ${why}`;
      if (!this.configDbDown) this.deps.logger.error({ err: msg }, `excs: ${msg}`);
      this.configDbDown = true;
      this.needFull = true;
      this.status.lastError = msg;
      this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'Failed' };
      return undefined;
    }
  }

  /** Runs one pass now (passes never overlap). */
  runPass(kind: PassKind): Promise<void> {
    const next = (this.running ?? Promise.resolve()).catch(() => undefined).then(() => this.pass(kind));
    this.running = next;
    return next;
  }

  /** The cloud client, made again when the transaction's general/config_sync sections change. */
  private async cloudOf(raw: DbSnapshot): Promise<CloudClient> {
    const tx = raw.hybridIntegration?.sections ?? {};
    const key = JSON.stringify([tx.general ?? {}, tx.config_sync ?? {}]);
    if (this.cloud && key === this.cloudKey) return this.cloud;
    const old = this.cloud;
    this.cloud = this.deps.cloudFor(raw);
    this.cloudKey = key;
    if (old) {
      this.deps.logger.info('excs: Genesys Cloud settings changed in hybrid_integration; new client');
      this.extras = undefined; // list the org again with the new client
      await old.close();
    }
    return this.cloud;
  }

  /** Queues whose members and wrap-up codes are listed: mapped ones, or named like a desired one. */
  private queueOfInterest(desired: Desired): (q: { id: string; name: string }) => boolean {
    const mappedIds = new Set([...this.deps.mapping.queues.values()].map((q) => q.cloudId));
    const names = new Set(desired.queues.map((q) => q.name.toLowerCase()));
    return (q) => mappedIds.has(q.id) || names.has(q.name.toLowerCase());
  }

  private async orgFor(kind: PassKind, desired: Desired, cloud: CloudClient): Promise<OrgView> {
    if (kind === 'incremental' && this.extras) return this.deps.mapping.believedOrg(this.orgRoles);
    const { org, extras } = await readOrg(cloud, this.queueOfInterest(desired));
    this.extras = extras;
    this.orgRoles = org.roles;
    await this.deps.mapping.refreshFromOrg(org);
    return org;
  }

  private async pass(kind: PassKind): Promise<void> {
    const started = this.clock.now();
    const end = this.deps.metrics.passSeconds.startTimer({ kind });
    this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'InProgress' };
    this.status.progress = { done: 0, total: 0 };
    this.deps.metrics.progress.set(0);
    try {
      const raw = await this.deps.readSnapshot();
      this.snapshot = raw;
      this.cursor = raw.cursor;
      const { desired, opts } = this.ruleLog.run(raw);
      this.ruleLog.skipped(desired.skipped);
      const cloud = await this.cloudOf(raw);
      const org = await this.orgFor(kind, desired, cloud);
      if (kind === 'full') {
        this.lastFull = this.clock.now();
        this.needFull = false;
      }
      const plan = buildPlan(desired, this.deps.mapping.state(), org, opts.roles);
      this.status.skipped = [...desired.skipped, ...plan.notes];
      this.ruleLog.skipped(plan.notes);
      const verdict = guardVerdict(
        plan,
        mappedUserCount(this.deps.mapping.users),
        opts.deactivationThreshold,
        await this.deps.confirmations.read(),
      );
      if (!verdict.apply) return this.hold(verdict.held, kind);
      if (verdict.confirmed) {
        this.deps.logger.warn(
          { planId: verdict.confirmed },
          `excs: plan ${verdict.confirmed} confirmed by an operator: applying its deactivations`,
        );
        await this.deps.confirmations.clear();
      }
      this.release();
      const res = await this.apply(plan, desired, opts.roles, cloud, kind);
      await refreshApiFields(this.deps.mapping, desired);
      this.status.lastError = res.failed.length
        ? `${res.failed.length} operation(s) failed; last: ${res.failed.at(-1)?.op}: ${res.failed.at(-1)?.error}`
        : this.status.lastError;
      this.status.lastPass = {
        kind,
        operations: plan.ops.length,
        failed: res.failed.length,
        heldBack: res.heldBack,
        durationMs: this.clock.now() - started,
      };
      this.status.initialSyncDone ||= kind === 'full';
      this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'Success' };
      this.deps.metrics.passes.inc({ kind, result: res.failed.length ? 'partial' : 'success' });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.needFull = true;
      this.status.lastError = msg;
      this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'Failed' };
      this.deps.metrics.passes.inc({ kind, result: 'failed' });
      this.deps.logger.error({ kind, err: msg }, `excs: ${kind} sync pass failed: ${msg}`);
      throw err;
    } finally {
      end();
      this.deps.metrics.progress.set(1);
      this.updateCounts();
    }
  }

  /** The guard stopped the pass before anything was applied: say so everywhere, once in the log. */
  private hold(h: HeldPlan, kind: PassKind): void {
    reportHeld(this.status, this.deps.metrics, this.deps.logger, h, kind, this.held?.planId === h.planId);
    this.held = h;
  }

  private release(): void {
    reportReleased(this.status, this.deps.metrics, this.held);
    this.held = undefined;
  }

  /**
   * Applies the plan without the operations of objects waiting for their retry, records which objects
   * failed or recovered, and runs the follow-up plan (a second VQ named like one just created links now).
   */
  private async apply(
    plan: Plan,
    desired: Desired,
    roles: RuleOptions['roles'],
    cloud: CloudClient,
    kind: PassKind,
  ): Promise<ApplyResult & { heldBack: number }> {
    const first = holdBack(plan.ops, this.retries);
    this.deps.logger.info(
      { kind, operations: first.ops.length, heldBack: first.held, tombstones: plan.tombstones.length },
      `excs: ${kind} pass: ${first.ops.length} operation(s) to apply`,
    );
    const res = await applyPlan({ ...plan, ops: first.ops }, this.applyOptions(cloud, kind));
    let heldBack = first.held;
    if (plan.deferred > 0 && !this.abort.signal.aborted) {
      const next = buildPlan(
        desired,
        this.deps.mapping.state(),
        this.deps.mapping.believedOrg(this.orgRoles),
        roles,
      );
      const more = holdBack(next.ops, this.retries);
      const r = await applyPlan({ ...next, ops: more.ops }, this.applyOptions(cloud, kind));
      res.applied += r.applied;
      res.failed.push(...r.failed);
      res.succeeded.push(...r.succeeded);
      heldBack += more.held;
    }
    for (const key of res.succeeded) this.retries.succeeded(key);
    for (const f of res.failed) this.retries.failed(f.object, f.error);
    return { ...res, heldBack };
  }

  private applyOptions(cloud: CloudClient, kind: PassKind): ApplyOptions {
    return {
      cloud,
      mapping: this.deps.mapping,
      extras: this.extras as OrgExtras,
      logger: this.deps.logger,
      signal: this.abort.signal,
      onProgress: progressReporter(this.status, this.deps.metrics, this.deps.logger, kind),
    };
  }

  private updateCounts(): void {
    publishCounts(this.status, this.deps.metrics, this.deps.mapping, this.retries);
  }

  /**
   * What the next pass would do. `full` lists the org (many calls, on the sync's own client and budget);
   * otherwise the store's record is used. Concurrent requests share one plan, served again for a while.
   */
  async preview(full = false): Promise<Preview> {
    const { value, source } = await this.previews.get(full ? 'full' : 'store', () => this.plan(full));
    this.deps.metrics.planRequests.inc({ full: String(full), source });
    return value;
  }

  private async plan(full: boolean): Promise<Preview> {
    const raw = await this.deps.readSnapshot();
    const { desired, opts } = this.ruleLog.run(raw);
    let org: OrgView;
    if (full || !this.extras) {
      const cloud = await this.cloudOf(raw);
      org = (await readOrg(cloud, this.queueOfInterest(desired))).org;
    } else org = this.deps.mapping.believedOrg(this.orgRoles);
    const plan = buildPlan(desired, this.deps.mapping.state(), org, opts.roles);
    const verdict = guardVerdict(
      plan,
      mappedUserCount(this.deps.mapping.users),
      opts.deactivationThreshold,
      undefined,
    );
    return { plan, desired, ...(verdict.apply ? {} : { held: verdict.held }) };
  }

  async preflight(): Promise<{ findings: Finding[]; text: string[] }> {
    const raw = await this.deps.readSnapshot();
    const opts = ruleOptions(this.deps.env, raw.hybridIntegration?.sections ?? {});
    const findings = preflight(fromConfigDb(raw), opts, raw.findings);
    return { findings, text: formatFindings(findings) };
  }
}
