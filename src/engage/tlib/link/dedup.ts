// Both servers of a hot-standby pair send every event; the link passes each on once. An event's identity
// is what both servers agree on: message, call (CallUUID, else ConnID), DN or party, and the event time to
// the microsecond. The sequence number is each server's own, so it is not part of it. Counting arrivals
// per server (instead of a plain seen-set) keeps two distinct events that happen to share a key: the n-th
// copy from one server is a duplicate only if the other server already sent its n-th.
import { hash } from 'node:crypto';

interface Seen {
  /** Arrivals from server 0 and server 1. */
  counts: [number, number];
  /** The ring slot that will forget this key. */
  slot: number;
}

export class PairDeduplicator {
  private readonly seen = new Map<string, Seen>();
  // Keys in arrival order, as a ring: forgetting the oldest is O(1). (Deleting a Map's first entries and
  // asking it for its first key again costs a walk over every deleted entry: quadratic at full rate.)
  private readonly ring: (string | undefined)[];
  private next = 0;

  /** @param window how many recent keys are remembered (bounds how far the two streams may drift apart). */
  constructor(private readonly window = 200_000) {
    this.ring = new Array<string | undefined>(window);
  }

  /** True when this arrival (from server 0 or 1 of the pair) is new and must be passed on. */
  accept(key: string, from: 0 | 1): boolean {
    let entry = this.seen.get(key);
    if (!entry) {
      const slot = this.next;
      this.next = (slot + 1) % this.window;
      const old = this.ring[slot];
      if (old !== undefined && this.seen.get(old)?.slot === slot) this.seen.delete(old);
      this.ring[slot] = key;
      entry = { counts: [0, 0], slot };
      this.seen.set(key, entry);
    }
    const counts = entry.counts;
    counts[from]++;
    return counts[from] > counts[from === 0 ? 1 : 0];
  }

  /** Takes back an accepted arrival that could not be used (malformed): the other copy may be good. */
  reject(key: string, from: 0 | 1): void {
    const counts = this.seen.get(key)?.counts;
    if (counts && counts[from] > 0) counts[from]--;
  }

  get size(): number {
    return this.seen.size;
  }
}

const NAME = /"message"\s*:\s*"([A-Za-z]+)"/;

/**
 * The raw text of a top-level value after `"name":` (compact JSON, as links write it), or through a
 * whitespace-tolerant regex when the compact form is absent.
 */
const SPACED = new Map<string, RegExp>();

function rawValue(line: string, name: string): string | undefined {
  const tag = `"${name}":`;
  let i = line.indexOf(tag);
  if (i < 0) {
    if (line.indexOf(`"${name}"`) < 0) return undefined;
    let re = SPACED.get(name);
    if (!re) SPACED.set(name, (re = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]*)"|\\d+)`)));
    return re.exec(line)?.[1];
  }
  i += tag.length;
  if (line.charCodeAt(i) === 34) {
    const end = line.indexOf('"', i + 1);
    return end < 0 ? undefined : line.slice(i, end + 1);
  }
  let end = i;
  while (end < line.length && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
  return end > i ? line.slice(i, end) : undefined;
}

/**
 * The event name and identity read straight from a line, so that the second server's copy is dropped
 * without being decoded. Undefined when the line names no event (it then goes to the decoder as it is).
 * Reading a key from inside a nested KV-list by mistake is harmless: both copies read the same.
 * The key is a digest of those parts: V8 keeps a substring as a view of the string it was cut from, so a
 * key made of slices of the line kept the whole line (and the socket chunk it was cut from) alive for as
 * long as the window remembers it — about 900 bytes per event, hundreds of MB of old generation at a
 * few thousand events a second, every one promoted by the scavenger. 16 bytes of SHA-1 keep 2^64 events
 * apart.
 */
export function lineKey(line: string): { name: string; key: string } | undefined {
  const name = NAME.exec(line)?.[1];
  if (!name) return undefined;
  const call = rawValue(line, 'AttributeCallUUID') ?? rawValue(line, 'AttributeConnID') ?? '';
  const where = rawValue(line, 'AttributePartyUUID') ?? rawValue(line, 'AttributeThisDN') ?? '';
  const secs = rawValue(line, 'AttributeTimeinSecs');
  const usecs = rawValue(line, 'AttributeTimeinuSecs') ?? '';
  // Without a time the whole line, minus its sequence number, is the identity.
  const rest =
    secs === undefined ? line.replace(/"AttributeEventSequenceNumber"\s*:\s*"?[0-9a-fA-F]*"?\s*,?/, '') : '';
  const parts = `${name}|${call}|${where}|${secs ?? ''}.${usecs}|${rest}`;
  return { name, key: hash('sha1', parts, 'base64') };
}
