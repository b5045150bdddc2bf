// The lease holder's loop: read the inbox from the cursor on, run the core's `step` on each event, and
// commit what the batch touched (tracker keys, outgoing events, the cursor) in one fenced script; only
// then hand the events to the sender. Re-processing the same inbox from the same state gives the same
// events with the same ids, so a takeover at any point continues where the last commit left off.
import type { Logger } from '../../../core/logger.ts';
import { attrString, eventTimeMicros } from '../../../engage/tlib/index.ts';
import type { Directory, StepResult, TrackerInput, TrackerNote, TrackerState } from '../core/api.ts';
import type { OutItem } from '../sender/outbox-queues.ts';
import type { HaStore } from './ha-store.ts';
import type { InboxPayload } from './inbox-writer.ts';
import { releasable, type Parsed } from './reorder.ts';
import type { CommitWrite } from './scripts.ts';

export interface TrackerCore {
  step(state: TrackerState, input: TrackerInput, dir: Directory): StepResult;
  expired(state: TrackerState, nowMs: number, graceMs: number): string[];
  /** Drops a chain `expired` named, with its aliases and its calls in DN states; says what changed. */
  forget(state: TrackerState, chainKey: string): StepResult['touched'];
  emptyState(): TrackerState;
}

export interface ProcessorHooks {
  processed(input: InboxPayload): void;
  notes(notes: TrackerNote[], input: InboxPayload): void;
  stepFailed(err: Error, input: InboxPayload | undefined): void;
  expired(count: number): void;
  /** Tracker size: after a takeover and an expiry pass, and at most once a second after commits. */
  size(chains: number): void;
}

export interface ProcessorOptions {
  ha: HaStore;
  core: TrackerCore;
  /** The current directory; undefined until EXCS answered once (nothing is processed before). */
  directory(): Directory | undefined;
  token(): number;
  batch: number;
  /** How long an entry waits for earlier events on the other links (see reorder.ts). */
  reorderMs: number;
  /**
   * The least time between two batches (default 5 ms): under load the entries of a few milliseconds
   * go in one commit and one request instead of one each.
   */
  minBatchGapMs?: number;
  /** How long finished chains are kept (by event time) before they are dropped. */
  graceMs: number;
  expireEveryMs: number;
  logger: Logger;
  hooks: ProcessorHooks;
  /** Committed events, in outbox order. */
  emit(items: OutItem[]): void;
  onFenced(): void;
}

interface Touched {
  chains: Set<string>;
  aliases: Set<string>;
  dns: Set<string>;
}

export class Processor {
  private state: TrackerState | undefined;
  private cursor = 0;
  /**
   * Entries read past the cursor and not yet processed (inside the re-ordering window), each parsed
   * once; `readTo` is the last seq read. Dropped with the state: a takeover or reload reads from the
   * cursor again.
   */
  private unreleased: Parsed[] = [];
  private readTo = 0;
  private lastBatchAt = 0;
  /** When those entries can next go (ms): the window's release time, not before the next batch may run. */
  private dueAt = 0;
  private token = 0;
  private running = false;
  private again = false;
  private lastEventMs = 0;
  private lastExpiry = 0;
  private sizeAt = 0;
  private idle: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: ProcessorOptions) {}

  get chains(): number {
    return this.state ? Object.keys(this.state.chains).length : 0;
  }

  get position(): number {
    return this.cursor;
  }

  /** The lease was taken with this token: load the state and the outbox, then process. */
  async takeOver(token: number): Promise<OutItem[]> {
    this.token = token;
    this.state = undefined;
    const stored = await this.o.ha.loadState();
    const state = this.o.core.emptyState();
    for (const [k, v] of Object.entries(stored.chains))
      state.chains[k] = JSON.parse(v) as TrackerState['chains'][string];
    for (const [k, v] of Object.entries(stored.aliases)) state.aliases[k] = v;
    for (const [k, v] of Object.entries(stored.dns))
      state.dns[k] = JSON.parse(v) as TrackerState['dns'][string];
    const outbox = (await this.o.ha.loadOutbox()).flatMap((e) => {
      const item = toOutItem(e.seq, e.payload);
      if (item && e.sent) {
        item.sentAt = e.sent.at;
        item.request = e.sent.request;
      }
      if (!item) this.o.hooks.stepFailed(new Error(`outbox entry ${e.seq} is not valid`), undefined);
      return item ? [item] : [];
    });
    if (this.token !== token) return [];
    this.state = state;
    this.cursor = stored.cursor;
    this.unreleased = [];
    this.readTo = stored.cursor;
    this.reportSize(state, true);
    this.wake();
    return outbox;
  }

  /** The lease is gone: forget everything (the next holder reloads it from Redis). */
  release(): void {
    this.token = 0;
    this.state = undefined;
    this.unreleased = [];
  }

  /** New inbox entries may be there. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (!this.state || !this.o.directory()) return;
    this.running = true;
    void this.loop();
  }

  private wakeLater(at: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.wake();
      },
      Math.max(1, at - Date.now()),
    );
  }

  /** Resolves when the loop is idle. */
  settled(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        while (await this.runBatch()) this.again = false;
        await this.expire();
        // Entries held back for the re-ordering window: their timer wakes the loop, not every append.
      } while (this.again && this.state && !this.timer);
    } catch (err) {
      // Redis failed mid-batch: nothing was committed; the next wake (or poll) reads the same entries.
      this.o.logger.warn({ err: (err as Error).message }, 'processing paused: store not reachable');
      if (this.state) await this.reload();
    } finally {
      this.running = false;
      for (const r of this.idle.splice(0)) r();
    }
  }

  /** One batch; true when there may be more. */
  private async runBatch(): Promise<boolean> {
    const state = this.state;
    const dir = this.o.directory();
    const token = this.token;
    if (!state || !dir || token !== this.o.token()) return false;
    // Until the entries already read are due, none is releasable (they go as a prefix, in inbox order),
    // and by then more has arrived: each entry is read and parsed once, a window's worth at a time.
    if (this.unreleased.length && this.dueAt > Date.now()) {
      this.wakeLater(this.dueAt);
      return false;
    }
    const { last: inboxLast, entries } = await this.o.ha.read(this.readTo + 1, this.o.batch);
    if (this.token !== token) return false;
    for (const e of entries) this.unreleased.push({ seq: e.seq, input: parsePayload(e.payload) });
    if (entries.length) this.readTo = entries[entries.length - 1]!.seq;
    if (!this.unreleased.length) return false;
    const now = Date.now();
    const release = releasable(this.unreleased, now, this.o.reorderMs);
    if (release.ready.length) this.lastBatchAt = now;
    this.dueAt = Math.max(release.wakeAt ?? 0, this.lastBatchAt + (this.o.minBatchGapMs ?? 5));
    if (release.wakeAt !== undefined) this.wakeLater(this.dueAt);
    if (!release.ready.length) return false;
    const touched = noneTouched();
    const out: { event: StepResult['events'][number]; timeMs: number; receivedAt: number }[] = [];
    let failed = false;
    for (const entry of release.ready) {
      const input = entry.input;
      if (!input) {
        this.o.hooks.stepFailed(new Error(`inbox entry ${entry.seq} is not a valid event`), undefined);
        continue;
      }
      const timeMs = Math.floor((eventTimeMicros(input.event) ?? input.at * 1000) / 1000);
      this.lastEventMs = Math.max(this.lastEventMs, timeMs);
      let r: StepResult;
      try {
        r = this.o.core.step(state, { event: input.event, link: input.link, site: input.site }, dir);
      } catch (err) {
        // The core failed on this event: log it with its call, skip it, and rebuild the state from the
        // last commit plus this batch's earlier events (the failed step may have changed it half-way).
        this.o.hooks.stepFailed(err as Error, input);
        this.o.logger.error(
          {
            err: (err as Error).message,
            event: input.event.name,
            callUuid: attrString(input.event, 'AttributeCallUUID'),
            connId: attrString(input.event, 'AttributeConnID'),
          },
          'conversation tracker failed on an event; skipped',
        );
        failed = true;
        continue;
      }
      this.o.hooks.processed(input);
      if (r.notes.length) this.o.hooks.notes(r.notes, input);
      addTouched(touched, r.touched);
      for (const e of r.events) out.push({ event: e, timeMs, receivedAt: input.at });
    }
    const last = release.last;
    const payloads = out.map(({ event, timeMs }) =>
      JSON.stringify({ c: event.conversationId, u: event.callUuid, t: timeMs, e: event.tagged }),
    );
    const write: CommitWrite = {
      token,
      from: this.cursor + 1,
      to: last,
      ...writesOf(touched, state),
      out: payloads,
    };
    const firstSeq = await this.o.ha.commit(write);
    if (firstSeq === undefined) {
      // Fenced off; but if a new term began meanwhile (takeOver with another token), it stays.
      if (this.token === token) {
        this.release();
        this.o.onFenced();
      }
      return false;
    }
    this.cursor = last;
    this.unreleased = this.unreleased.filter((e) => e.seq > last);
    this.reportSize(state, false);
    if (out.length) {
      const committedAt = Date.now();
      this.o.emit(
        out.map(({ event, timeMs, receivedAt }, i) => ({
          seq: firstSeq + i,
          conversationId: event.conversationId,
          callUuid: event.callUuid,
          tagged: event.tagged,
          eventTimeMs: timeMs,
          trace: { receivedAt, committedAt },
        })),
      );
    }
    if (failed) await this.reload();
    return inboxLast > this.readTo;
  }

  /**
   * Drops chains finished longer ago than the grace period (by event time), with their aliases, through
   * the core's `forget`: each chain lists its own aliases, so this costs the chains dropped, not a scan
   * of every alias (which at 20,000 aliases held the event loop for 20 ms every pass).
   */
  private async expire(): Promise<void> {
    const state = this.state;
    const token = this.token;
    const now = Date.now();
    if (!state || now - this.lastExpiry < this.o.expireEveryMs || !this.lastEventMs) return;
    this.lastExpiry = now;
    const gone = this.o.core.expired(state, this.lastEventMs, this.o.graceMs);
    if (!gone.length) return this.reportSize(state, true);
    // The state changes before the commit, as in a batch: a refused or failed commit reloads it.
    const touched = noneTouched();
    for (const key of gone) addTouched(touched, this.o.core.forget(state, key));
    const write: CommitWrite = {
      token,
      from: this.cursor + 1,
      to: this.cursor,
      ...writesOf(touched, state),
      out: [],
    };
    if ((await this.o.ha.commit(write)) === undefined) {
      if (this.token === token) {
        this.release();
        this.o.onFenced();
      }
      return;
    }
    this.o.hooks.expired(gone.length);
    this.reportSize(state, true);
  }

  /**
   * Counting the chains is `Object.keys` of the state: about a millisecond at 10,000 chains (a minute
   * of finished calls at 150 calls/s), which after every commit (up to 200 a second) cost the lease holder
   * a fifth of a core. The gauge needs no more than a reading a second.
   */
  private reportSize(state: TrackerState, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.sizeAt < 1000) return;
    this.sizeAt = now;
    this.o.hooks.size(Object.keys(state.chains).length);
  }

  private async reload(): Promise<void> {
    const token = this.token;
    if (!token) return;
    try {
      await this.takeOver(token);
    } catch (err) {
      this.o.logger.warn({ err: (err as Error).message }, 'tracker state not reloaded yet');
      this.state = undefined;
    }
  }
}

const noneTouched = (): Touched => ({ chains: new Set(), aliases: new Set(), dns: new Set() });

/** What a commit writes for the touched keys: each one's value as it is now, or its removal. */
function writesOf(t: Touched, state: TrackerState): Pick<CommitWrite, 'chains' | 'aliases' | 'dns'> {
  return {
    chains: split(t.chains, state.chains, true),
    aliases: split(t.aliases, state.aliases, false),
    dns: split(t.dns, state.dns, true),
  };
}

function addTouched(into: Touched, t: StepResult['touched']): void {
  for (const k of t.chains) into.chains.add(k);
  for (const k of t.aliases) into.aliases.add(k);
  for (const k of t.dns) into.dns.add(k);
}

function split(
  keys: Set<string>,
  values: Record<string, unknown>,
  json: boolean,
): { set: [string, string][]; del: string[] } {
  const set: [string, string][] = [];
  const del: string[] = [];
  for (const k of keys) {
    const v = Object.hasOwn(values, k) ? values[k] : undefined;
    if (v === undefined) del.push(k);
    else set.push([k, json ? JSON.stringify(v) : String(v)]);
  }
  return { set, del };
}

function parsePayload(payload: string): InboxPayload | undefined {
  try {
    const p = JSON.parse(payload) as Partial<InboxPayload>;
    if (
      (p.link === 'vq' || p.link === 'agent' || p.link === 'call') &&
      typeof p.site === 'string' &&
      p.event &&
      typeof p.event.name === 'string' &&
      typeof p.event.attributes === 'object'
    ) {
      return { link: p.link, site: p.site, at: Number(p.at) || 0, event: p.event };
    }
  } catch {
    // counted by the caller
  }
  return undefined;
}

/** An outbox entry (as committed) back into the sender's form. */
export function toOutItem(seq: number, payload: string): OutItem | undefined {
  try {
    const p = JSON.parse(payload) as { c?: unknown; u?: unknown; t?: unknown; e?: OutItem['tagged'] };
    if (typeof p.c !== 'string' || !p.e || typeof p.e.kind !== 'string') return undefined;
    return {
      seq,
      conversationId: p.c,
      callUuid: String(p.u ?? ''),
      tagged: p.e,
      eventTimeMs: Number(p.t) || 0,
    };
  } catch {
    return undefined;
  }
}
