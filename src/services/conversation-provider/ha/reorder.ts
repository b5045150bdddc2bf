// The three links are three TCP connections: an event on one may overtake an earlier event of the same
// call on another by a few milliseconds, and the tracker needs them in the SIP Server's order. So the
// processor hands entries over sorted by event time (inbox order among equal times), and releases an
// entry only once it was received at least `windowMs` ago (an overtaken event arrives within the window).
// What goes is a prefix of the inbox (the cursor is one seq), cut where every entry before the cut is at
// most as late as every entry read after it: a due entry never goes ahead of an earlier event that was
// read but sits behind one not yet due. (Releasing every due entry of the prefix, as this did at first,
// sorted only inside one release: an event that overtook by a millisecond across a release boundary
// still went first.) An entry received `2 × windowMs` ago goes regardless, so that a SIP Server pair
// whose clock lags the others' cannot hold the rest back for ever.
// Only uncommitted work is ever re-ordered, so a takeover that re-reads the same entries may batch them
// differently without sending anything twice.
import { eventTimeMicros } from '../../../engage/tlib/index.ts';
import type { InboxPayload } from './inbox-writer.ts';

export interface Parsed {
  seq: number;
  input: InboxPayload | undefined;
}

export interface Release {
  /** Entries to process now, in event-time order. */
  ready: Parsed[];
  /** The last inbox seq they cover (a contiguous prefix of what was read); 0 when none. */
  last: number;
  /** When the next held-back entry becomes due (ms), if any is held back. */
  wakeAt?: number;
}

/** An entry's event time (µs); its receipt time when it has none. Unreadable entries sort first. */
function entryMicros(p: Parsed): number {
  return p.input ? (eventTimeMicros(p.input.event) ?? p.input.at * 1000) : -Infinity;
}

/** @param entries what was read past the cursor, in inbox order */
export function releasable(entries: readonly Parsed[], now: number, windowMs: number): Release {
  const n = entries.length;
  const times = entries.map(entryMicros);
  const at = (i: number) => entries[i]!.input?.at ?? 0;
  // `due`: the longest prefix of entries received at least a window ago.
  let due = 0;
  while (due < n && at(due) <= now - windowMs) due++;
  // `cut`: the longest part of it no later entry read must precede.
  const suffixMin = new Array<number>(n + 1);
  suffixMin[n] = Infinity;
  // An unreadable entry is only skipped: it holds nothing back.
  for (let i = n - 1; i >= 0; i--)
    suffixMin[i] = entries[i]!.input ? Math.min(times[i]!, suffixMin[i + 1]!) : suffixMin[i + 1]!;
  let cut = 0;
  let prefixMax = -Infinity;
  for (let i = 0; i < due; i++) {
    prefixMax = Math.max(prefixMax, times[i]!);
    if (prefixMax <= suffixMin[i + 1]!) cut = i + 1;
  }
  // Overdue entries go whatever is behind them.
  let overdue = 0;
  while (overdue < due && at(overdue) <= now - 2 * windowMs) overdue++;
  const count = Math.max(cut, overdue);
  let wakeAt: number | undefined;
  for (let i = due; i < n; i++)
    if (at(i) + windowMs > now) wakeAt = Math.min(wakeAt ?? Infinity, at(i) + windowMs);
  if (count < due) wakeAt = Math.min(wakeAt ?? Infinity, at(count) + 2 * windowMs);
  const keyed = entries.slice(0, count).map((p, i) => ({ p, t: times[i]! }));
  keyed.sort((a, b) => a.t - b.t || a.p.seq - b.p.seq);
  return {
    ready: keyed.map((k) => k.p),
    last: count ? entries[count - 1]!.seq : 0,
    ...(wakeAt !== undefined ? { wakeAt } : {}),
  };
}
