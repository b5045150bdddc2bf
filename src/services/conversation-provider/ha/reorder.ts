// The three links are three TCP connections: an event on one may overtake an earlier event of the same
// call on another by a few milliseconds, and the tracker needs them in the SIP Server's order. So the
// processor takes, in inbox order, the entries received at least `windowMs` ago, and hands them over
// sorted by event time (inbox order among equal times). Only uncommitted work is ever re-ordered, so a
// takeover that re-reads the same entries may batch them differently without sending anything twice.
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
  /** When the first held-back entry becomes releasable (ms), if any is held back. */
  wakeAt?: number;
}

export function releasable(entries: readonly Parsed[], now: number, windowMs: number): Release {
  const ready: Parsed[] = [];
  let wakeAt: number | undefined;
  for (const e of entries) {
    const at = e.input?.at ?? 0;
    if (at > now - windowMs) {
      wakeAt = at + windowMs;
      break;
    }
    ready.push(e);
  }
  const time = (p: Parsed) => (p.input ? (eventTimeMicros(p.input.event) ?? p.input.at * 1000) : 0);
  const keyed = ready.map((p) => ({ p, t: time(p) }));
  keyed.sort((a, b) => a.t - b.t || a.p.seq - b.p.seq);
  return {
    ready: keyed.map((k) => k.p),
    last: ready.length ? ready[ready.length - 1]!.seq : 0,
    ...(wakeAt !== undefined ? { wakeAt } : {}),
  };
}
