// The conversation provider's view of the state store: its keys for one deployment group and the
// scripts that change them (scripts.ts). Reads here are of values no one else changes meanwhile.
import type { StateStore } from '../../../store/index.ts';
import { keys } from '../../../store/keys.ts';
import {
  ackOutbox,
  appendInbox,
  commitArgs,
  commitStep,
  markSending,
  readInbox,
  releaseLease,
  takeLease,
  type CommitWrite,
} from './scripts.ts';

export interface InboxEntry {
  seq: number;
  payload: string;
}

export interface StoredState {
  cursor: number;
  chains: Record<string, string>;
  aliases: Record<string, string>;
  dns: Record<string, string>;
}

export class HaStore {
  private readonly k;

  constructor(
    readonly store: StateStore,
    readonly group: string,
  ) {
    const e = keys.excp;
    this.k = {
      inbox: e.inbox(group),
      inboxSeq: e.inboxSeq(group),
      cursor: e.cursor(group),
      lease: e.lease(group),
      leaseToken: e.leaseToken(group),
      chains: e.chains(group),
      aliases: e.aliases(group),
      dns: e.dns(group),
      outbox: e.outbox(group),
      outboxSeq: e.outboxSeq(group),
      sending: e.sending(group),
    };
  }

  /** Appends events not seen before; each names its seen-bucket. Returns [appended, last inbox seq]. */
  async append(
    seenTtlMs: number,
    events: readonly { bucket: number; identity: string; payload: string }[],
  ): Promise<{ appended: number; last: number }> {
    const buckets: number[] = [];
    const index = new Map<number, number>();
    const args: string[] = [String(seenTtlMs)];
    for (const e of events) {
      let i = index.get(e.bucket);
      if (i === undefined) {
        buckets.push(e.bucket);
        index.set(e.bucket, (i = buckets.length));
      }
      args.push(String(i), e.identity, e.payload);
    }
    const seenKeys = buckets.map((b) => keys.excp.seen(this.group, b));
    const [appended, last] = await this.store.run(
      appendInbox,
      [this.k.inbox, this.k.inboxSeq, ...seenKeys],
      args,
    );
    return { appended: appended ?? 0, last: last ?? 0 };
  }

  async read(from: number, max: number): Promise<{ last: number; entries: InboxEntry[] }> {
    const r = await this.store.run(readInbox, [this.k.inbox, this.k.inboxSeq], [from, max]);
    const entries: InboxEntry[] = [];
    for (let i = 1; i + 1 < r.length; i += 2) entries.push({ seq: Number(r[i]), payload: String(r[i + 1]) });
    return { last: Number(r[0] ?? 0), entries };
  }

  /** The fencing token when this owner holds the lease (taken or renewed), 0 otherwise. */
  takeLease(owner: string, ttlMs: number): Promise<number> {
    return this.store.run(takeLease, [this.k.lease, this.k.leaseToken], [owner, ttlMs]);
  }

  async releaseLease(owner: string): Promise<boolean> {
    return (await this.store.run(releaseLease, [this.k.lease], [owner])) === 1;
  }

  /** The lease holder, for health (`<owner>|<token>`), or null. */
  leaseHolder(): Promise<string | null> {
    return this.store.get(this.k.lease);
  }

  /** Commits a processed batch; the first outbox seq of its events, or undefined when fenced off. */
  async commit(w: CommitWrite): Promise<number | undefined> {
    const k = this.k;
    const [first] = await this.store.run(
      commitStep,
      [k.lease, k.inbox, k.cursor, k.chains, k.aliases, k.dns, k.outbox, k.outboxSeq],
      commitArgs(w),
    );
    return first === -1 ? undefined : (first ?? 0);
  }

  /**
   * Marks events as on their way (before their request goes out) with `<sent at ms>|<request id>`;
   * false when fenced off.
   */
  async markSending(
    token: number,
    seqs: readonly number[],
    sentAt: number,
    request: string,
  ): Promise<boolean> {
    if (!seqs.length) return true;
    const r = await this.store.run(
      markSending,
      [this.k.lease, this.k.sending],
      [token, `${sentAt}|${request}`, ...seqs],
    );
    return r >= 0;
  }

  /** Removes answered events; false when fenced off. */
  async ack(token: number, seqs: readonly number[]): Promise<boolean> {
    if (!seqs.length) return true;
    const r = await this.store.run(
      ackOutbox,
      [this.k.lease, this.k.outbox, this.k.sending],
      [token, ...seqs],
    );
    return r >= 0;
  }

  async loadState(): Promise<StoredState> {
    const [cursor, chains, aliases, dns] = await Promise.all([
      this.store.get(this.k.cursor),
      this.store.hgetall(this.k.chains),
      this.store.hgetall(this.k.aliases),
      this.store.hgetall(this.k.dns),
    ]);
    return { cursor: Number(cursor ?? 0), chains, aliases, dns };
  }

  /** The outbox, oldest first; `sent` for events a request may have carried without an answer. */
  async loadOutbox(): Promise<{ seq: number; payload: string; sent?: { at: number; request: string } }[]> {
    const [all, sending] = await Promise.all([
      this.store.hgetall(this.k.outbox),
      this.store.hgetall(this.k.sending),
    ]);
    return Object.entries(all)
      .map(([seq, payload]) => {
        const sent = sending[seq];
        if (sent === undefined) return { seq: Number(seq), payload };
        const bar = sent.indexOf('|');
        const at = Number(bar < 0 ? sent : sent.slice(0, bar));
        return { seq: Number(seq), payload, sent: { at, request: bar < 0 ? sent : sent.slice(bar + 1) } };
      })
      .sort((a, b) => a.seq - b.seq);
  }

  /** The chain key a CallUUID belongs to, if the tracker has seen that call (and not yet forgotten it). */
  chainOfCall(callUuid: string): Promise<string | null> {
    return this.store.hget(this.k.aliases, `call:${callUuid}`);
  }

  /** Inbox entries not processed yet. */
  async backlog(): Promise<{ inbox: number }> {
    const [seq, cursor] = await this.store.mget([this.k.inboxSeq, this.k.cursor]);
    return { inbox: Number(seq ?? 0) - Number(cursor ?? 0) };
  }
}
