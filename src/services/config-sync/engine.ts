// The sync loop: a full pass at start (lists the org), then a cheap poll of the Config DB history every
// EXCS_POLL_INTERVAL_MS; a change triggers an incremental pass (Engage re-read in one snapshot, planned
// against the mapping store's record of the org: no org listing), and a full pass runs every
// `reconcileMs` (and after any failure) to put back what was changed in the org.
import type { CloudClient, LoginStatus } from '../../cloud/index.ts';
import type { Logger } from '../../core/logger.ts';
import type {
  ChangeCursor,
  ChangesSince,
  EngageSnapshot as DbSnapshot,
} from '../../engage/configdb/model.ts';
import { applyPlan } from './applier/apply.ts';
import { readOrg, type OrgExtras } from './applier/readOrg.ts';
import { apiFieldsDiffer, userEntryOf } from './applier/userEntry.ts';
import type { Desired } from './desired.ts';
import type { SyncMetrics } from './metrics.ts';
import { buildPlan } from './planner/plan.ts';
import type { OrgView, Plan } from './planner/types.ts';
import { formatFindings, preflight, type Finding } from './preflight/findings.ts';
import { buildDesired } from './rules/buildDesired.ts';
import { ruleOptions, type EnvKnobs, type RuleOptions } from './rules/options.ts';
import { fromConfigDb } from './snapshot.ts';
import type { SyncStatusData } from './status.ts';
import type { MappingStore } from './store/mappingStore.ts';

export interface EngineDeps {
  readSnapshot(): Promise<DbSnapshot>;
  readChanges(cursor: ChangeCursor): Promise<ChangesSince>;
  /** The cloud client, made from the transaction's settings (and the EXEC_GC_* overrides). */
  cloudFor(snapshot: DbSnapshot): CloudClient;
  mapping: MappingStore;
  logger: Logger;
  metrics: SyncMetrics;
  env: EnvKnobs;
  pollMs: number;
  reconcileMs: number;
}

export type PassKind = 'full' | 'incremental';

const SKIP_LOGGED = new Set(['no-valid-email', 'dangling-queue-link', 'bad-vag-script']);

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
  private configDbDown = false;
  private readonly loggedSkips = new Set<string>();
  private readonly abort = new AbortController();
  snapshot: DbSnapshot | undefined;
  readonly status: SyncStatusData = {
    syncStatus: { timeStamp: new Date().toISOString(), status: 'InProgress' },
    initialSyncDone: false,
    progress: { done: 0, total: 0 },
    counts: { users: 0, skills: 0, queues: 0, wrapupcodes: 0, extensions: 0, source: 0 },
    skipped: [],
    lastPass: null,
    lastError: null,
  };

  constructor(private readonly d: EngineDeps) {}

  /** The cloud client's login state (failed logins back off), once a client exists. */
  loginStatus(): LoginStatus | undefined {
    return this.cloud?.loginStatus();
  }

  start(): void {
    void this.tick();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await this.cloud?.close();
  }

  private schedule(): void {
    if (this.abort.signal.aborted) return;
    this.timer = setTimeout(() => void this.tick(), this.d.pollMs);
  }

  private async tick(): Promise<void> {
    try {
      const due = this.needFull || Date.now() - this.lastFull >= this.d.reconcileMs;
      if (due) await this.runPass('full');
      else if (this.cursor) {
        const ch = await this.pollConfigDb(this.cursor);
        if (ch && ch.changes.length > 0) {
          this.d.logger.info({ changes: ch.changes.length }, 'excs: Engage configuration changed');
          await this.runPass('incremental');
        }
      }
    } catch {
      // runPass recorded it; the next tick retries with a full pass.
    } finally {
      this.schedule();
    }
  }

  /**
   * The change poll; a Config DB that does not answer is reported in /status (Failed, naming it) and
   * logged once per outage, and the pass after it is full.
   */
  private async pollConfigDb(cursor: ChangeCursor): Promise<ChangesSince | undefined> {
    try {
      const ch = await this.d.readChanges(cursor);
      if (this.configDbDown) this.d.logger.info('excs: the Config DB answers again');
      this.configDbDown = false;
      return ch;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const msg = why.startsWith('Config DB') ? why : `Config DB: ${why}`;
      if (!this.configDbDown) this.d.logger.error({ err: msg }, `excs: ${msg}`);
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

  private rules(raw: DbSnapshot): { desired: Desired; opts: RuleOptions } {
    const problems: string[] = [];
    const opts = ruleOptions(this.d.env, raw.hybridIntegration?.sections ?? {}, problems);
    for (const p of problems) this.logOnce(`option:${p}`, 'warn', `excs: ${p}`, {});
    const input = fromConfigDb(raw);
    const { desired } = buildDesired(input, opts);
    // Bad data and name clashes get one log line each (persons without e-mail and dangling links are
    // logged as skipped objects below).
    for (const f of preflight(input, opts, raw.findings)) {
      if (SKIP_LOGGED.has(f.code)) continue;
      this.logOnce(
        `finding:${f.code}:${f.dbid ?? ''}:${f.message}`,
        f.severity === 'error' ? 'error' : 'warn',
        `excs: ${f.message}`,
        {
          code: f.code,
          objectType: f.objectType,
          ...(f.dbid !== undefined ? { dbid: f.dbid } : {}),
        },
      );
    }
    return { desired, opts };
  }

  private logOnce(key: string, level: 'warn' | 'error', msg: string, fields: Record<string, unknown>): void {
    if (this.loggedSkips.has(key)) return;
    this.loggedSkips.add(key);
    this.d.logger[level](fields, msg);
  }

  private logSkipped(desired: Desired): void {
    for (const s of desired.skipped) {
      const key = `${s.type}:${s.dbid}:${s.reason}`;
      if (this.loggedSkips.has(key)) continue;
      this.loggedSkips.add(key);
      this.d.logger.error(
        { type: s.type, dbid: s.dbid, name: s.name },
        `excs: ${s.type} "${s.name}" (DBID ${s.dbid}) not synced: ${s.reason}`,
      );
    }
  }

  /** The cloud client, made again when the transaction's general/config_sync sections change. */
  private async cloudOf(raw: DbSnapshot): Promise<CloudClient> {
    const tx = raw.hybridIntegration?.sections ?? {};
    const key = JSON.stringify([tx.general ?? {}, tx.config_sync ?? {}]);
    if (this.cloud && key === this.cloudKey) return this.cloud;
    const old = this.cloud;
    this.cloud = this.d.cloudFor(raw);
    this.cloudKey = key;
    if (old) {
      this.d.logger.info('excs: Genesys Cloud settings changed in hybrid_integration; new client');
      this.extras = undefined; // list the org again with the new client
      await old.close();
    }
    return this.cloud;
  }

  private async orgFor(kind: PassKind, desired: Desired, cloud: CloudClient): Promise<OrgView> {
    if (kind === 'incremental' && this.extras) return this.d.mapping.believedOrg(this.orgRoles);
    const mappedIds = new Set([...this.d.mapping.queues.values()].map((q) => q.cloudId));
    const names = new Set(desired.queues.map((q) => q.name.toLowerCase()));
    const { org, extras } = await readOrg(
      cloud,
      (q) => mappedIds.has(q.id) || names.has(q.name.toLowerCase()),
    );
    this.extras = extras;
    this.orgRoles = org.roles;
    await this.d.mapping.refreshFromOrg(org);
    return org;
  }

  private async pass(kind: PassKind): Promise<void> {
    const started = Date.now();
    const end = this.d.metrics.passSeconds.startTimer({ kind });
    this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'InProgress' };
    this.status.progress = { done: 0, total: 0 };
    this.d.metrics.progress.set(0);
    try {
      const raw = await this.d.readSnapshot();
      this.snapshot = raw;
      this.cursor = raw.cursor;
      const { desired, opts } = this.rules(raw);
      this.logSkipped(desired);
      const cloud = await this.cloudOf(raw);
      const org = await this.orgFor(kind, desired, cloud);
      let plan = buildPlan(desired, this.d.mapping.state(), org, opts.roles);
      this.d.logger.info(
        { kind, operations: plan.ops.length, tombstones: plan.tombstones.length },
        `excs: ${kind} pass: ${plan.ops.length} operation(s) to apply`,
      );
      const res = await applyPlan(plan, {
        cloud,
        mapping: this.d.mapping,
        extras: this.extras as OrgExtras,
        logger: this.d.logger,
        signal: this.abort.signal,
        onProgress: (done, total, op) => {
          this.status.progress = { done, total };
          this.d.metrics.progress.set(done / total);
          this.d.metrics.ops.inc({ op: op.op, result: 'done' });
          if (done % 100 === 0 || done === total) {
            this.d.logger.info({ done, total }, `excs: ${kind} pass progress ${done}/${total}`);
          }
        },
      });
      // A second VQ named like one just created links to it now rather than at the next change.
      if (plan.deferred > 0 && !this.abort.signal.aborted) {
        plan = buildPlan(
          desired,
          this.d.mapping.state(),
          this.d.mapping.believedOrg(this.orgRoles),
          opts.roles,
        );
        const more = await applyPlan(plan, {
          cloud,
          mapping: this.d.mapping,
          extras: this.extras as OrgExtras,
          logger: this.d.logger,
          signal: this.abort.signal,
        });
        res.applied += more.applied;
        res.failed.push(...more.failed);
      }
      await this.refreshApiFields(desired);
      if (kind === 'full') this.lastFull = Date.now();
      this.needFull = res.failed.length > 0;
      this.status.skipped = desired.skipped;
      this.status.lastError = res.failed.length
        ? `${res.failed.length} operation(s) failed; last: ${res.failed.at(-1)?.op}: ${res.failed.at(-1)?.error}`
        : this.status.lastError;
      this.status.lastPass = {
        kind,
        operations: plan.ops.length,
        failed: res.failed.length,
        durationMs: Date.now() - started,
      };
      this.status.initialSyncDone ||= kind === 'full';
      this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'Success' };
      this.d.metrics.passes.inc({ kind, result: res.failed.length ? 'partial' : 'success' });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.needFull = true;
      this.status.lastError = msg;
      this.status.syncStatus = { timeStamp: new Date().toISOString(), status: 'Failed' };
      this.d.metrics.passes.inc({ kind, result: 'failed' });
      this.d.logger.error({ kind, err: msg }, `excs: ${kind} sync pass failed: ${msg}`);
      throw err;
    } finally {
      end();
      this.d.metrics.progress.set(1);
      this.updateCounts();
    }
  }

  private async refreshApiFields(desired: Desired): Promise<void> {
    for (const u of desired.users) {
      const e = this.d.mapping.users.get(u.personDbid);
      if (e && apiFieldsDiffer(e, u)) {
        await this.d.mapping.putUser(u.personDbid, {
          ...e,
          ...pickApi(userEntryOf(u, e.cloudId, e.roleClass)),
        });
      }
    }
  }

  private updateCounts(): void {
    const m = this.d.mapping;
    this.status.counts = {
      users: m.users.size,
      skills: m.skills.size,
      queues: m.queues.size,
      wrapupcodes: m.wrapupCodes.size,
      extensions: m.extensions.size,
      source: m.source ? 1 : 0,
    };
    for (const [type, n] of Object.entries(this.status.counts)) this.d.metrics.objects.set({ type }, n);
    this.d.metrics.skipped.set(this.status.skipped.length);
  }

  /** What the next pass would do. `full` lists the org (many calls); otherwise the store's record is used. */
  async preview(full = false): Promise<{ plan: Plan; desired: Desired }> {
    const raw = await this.d.readSnapshot();
    const { desired, opts } = this.rules(raw);
    let org: OrgView;
    if (full || !this.extras) {
      const cloud = await this.cloudOf(raw);
      const mappedIds = new Set([...this.d.mapping.queues.values()].map((q) => q.cloudId));
      const names = new Set(desired.queues.map((q) => q.name.toLowerCase()));
      org = (await readOrg(cloud, (q) => mappedIds.has(q.id) || names.has(q.name.toLowerCase()))).org;
    } else org = this.d.mapping.believedOrg(this.orgRoles);
    return { plan: buildPlan(desired, this.d.mapping.state(), org, opts.roles), desired };
  }

  async preflight(): Promise<{ findings: Finding[]; text: string[] }> {
    const raw = await this.d.readSnapshot();
    const opts = ruleOptions(this.d.env, raw.hybridIntegration?.sections ?? {});
    const findings = preflight(fromConfigDb(raw), opts, raw.findings);
    return { findings, text: formatFindings(findings) };
  }
}

function pickApi(e: ReturnType<typeof userEntryOf>) {
  return { engageUserName: e.engageUserName, employeeId: e.employeeId, isAgent: e.isAgent, logins: e.logins };
}
