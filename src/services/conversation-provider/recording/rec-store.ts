// Recording injection's keys in the state store (src/store/keys.ts `excpRec`), shared by the pair: any
// instance stores what MCP posts; the lease holder dispatches what is due.
import type { StateStore } from '../../../store/index.ts';
import { keys } from '../../../store/keys.ts';
import type { RecContext } from './context.ts';
import type { Segment } from './metadata.ts';
import { finishDue, handOff, parseDue, putSegment } from './scripts.ts';

export interface DueEntry {
  chainKey: string;
  dueMs: number;
  /** The raw value read (the compare in `finish`). */
  raw: string;
}

export class RecStore {
  constructor(
    readonly store: StateStore,
    readonly group: string,
  ) {}

  /** The conversation (chain key) a CallUUID belongs to: the tracker's alias, else the ended snapshot's. */
  async chainOf(callUuid: string): Promise<string | null> {
    const aliases = keys.excp.aliases(this.group);
    return (
      (await this.store.hget(aliases, `call:${callUuid}`)) ??
      // (the key the HA pipeline's test tracker uses)
      (await this.store.hget(aliases, `uuid:${callUuid}`)) ??
      (await this.store.get(keys.excpRec.call(this.group, callUuid)))
    );
  }

  /** True for a new segment. Makes the conversation due when it already ended. */
  async putSegment(chainKey: string, seg: Segment, ttlMs: number, dueMs: number): Promise<boolean> {
    const k = keys.excpRec;
    const r = await this.store.run(
      putSegment,
      [k.segments(this.group, chainKey), k.context(this.group, chainKey), k.due(this.group)],
      [chainKey, seg.segmentId, JSON.stringify(seg), ttlMs, Math.round(dueMs)],
    );
    return r === 1;
  }

  /** True when handed off now, false when it already was. */
  async handOff(ctx: RecContext, ttlMs: number, dueMs: number): Promise<boolean> {
    const k = keys.excpRec;
    const r = await this.store.run(
      handOff,
      [
        k.context(this.group, ctx.chainKey),
        k.due(this.group),
        ...ctx.calls.map((c) => k.call(this.group, c)),
      ],
      [ctx.chainKey, JSON.stringify(ctx), ttlMs, Math.round(dueMs)],
    );
    return r === 1;
  }

  /** The tracker's chain as committed (JSON), while it still has it. */
  liveChain(chainKey: string): Promise<string | null> {
    return this.store.hget(keys.excp.chains(this.group), chainKey);
  }

  /** Replaces a handed-off snapshot with a newer one (events of the call processed after its end). */
  async refreshContext(ctx: RecContext, ttlMs: number): Promise<void> {
    await this.store.set(keys.excpRec.context(this.group, ctx.chainKey), JSON.stringify(ctx), { ttlMs });
    for (const c of ctx.calls)
      await this.store.set(keys.excpRec.call(this.group, c), ctx.chainKey, { ttlMs });
  }

  async isHandedOff(chainKey: string): Promise<boolean> {
    return (await this.store.get(keys.excpRec.context(this.group, chainKey))) !== null;
  }

  async due(): Promise<DueEntry[]> {
    const all = await this.store.hgetall(keys.excpRec.due(this.group));
    const out: DueEntry[] = [];
    for (const [chainKey, raw] of Object.entries(all)) {
      const d = parseDue(raw);
      out.push({ chainKey, dueMs: d?.due ?? 0, raw });
    }
    return out.sort((a, b) => a.dueMs - b.dueMs);
  }

  async load(
    chainKey: string,
  ): Promise<{ ctx: RecContext | undefined; segments: Segment[]; sent: Set<string> }> {
    const k = keys.excpRec;
    const [ctx, segs, sent] = await Promise.all([
      this.store.get(k.context(this.group, chainKey)),
      this.store.hgetall(k.segments(this.group, chainKey)),
      this.store.hgetall(k.sent(this.group, chainKey)),
    ]);
    const segments: Segment[] = [];
    for (const v of Object.values(segs)) {
      try {
        segments.push(JSON.parse(v) as Segment);
      } catch {
        // written by us; a bad value is skipped (counted by the caller through the missing segment)
      }
    }
    segments.sort((a, b) => a.startMs - b.startMs || a.segmentId.localeCompare(b.segmentId));
    return {
      ctx: ctx ? (JSON.parse(ctx) as RecContext) : undefined,
      segments,
      sent: new Set(Object.keys(sent)),
    };
  }

  /** See `finishDue`: true when the due entry was removed or moved. */
  async finish(e: DueEntry, sentIds: string[], ttlMs: number, nextDueMs?: number): Promise<boolean> {
    const k = keys.excpRec;
    const r = await this.store.run(
      finishDue,
      [k.due(this.group), k.sent(this.group, e.chainKey)],
      [e.chainKey, e.raw, ttlMs, nextDueMs === undefined ? '' : String(Math.round(nextDueMs)), ...sentIds],
    );
    return r === 1;
  }
}
