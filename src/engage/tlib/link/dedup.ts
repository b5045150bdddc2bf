// Both servers of a hot-standby pair send every event; the link passes each on once. An event's identity
// is what both servers agree on: message, call (CallUUID, else ConnID), DN or party, and the event time to
// the microsecond. The sequence number is each server's own, so it is not part of it. Counting arrivals
// per server (instead of a plain seen-set) keeps two distinct events that happen to share a key: the n-th
// copy from one server is a duplicate only if the other server already sent its n-th.
import { hash } from 'node:crypto';

export class PairDeduplicator {
  // Per remembered key only its ring slot, a small integer (no object per key), and the arrivals per
  // server in two typed arrays by slot: a full window of 200,000 keys is a quarter of the objects and
  // half the memory of an object per key, and a major GC walks it four times faster (`npm run bench --
  // tlib-dedup`: six full windows, as an EXCP instance holds, 280 → 155 MB of heap, a full GC 232 → 61 ms).
  private readonly slotOf = new Map<string, number>();
  // Keys in arrival order, as a ring: forgetting the oldest is O(1). (Deleting a Map's first entries and
  // asking it for its first key again costs a walk over every deleted entry: quadratic at full rate.)
  private readonly ring: (string | undefined)[];
  /** Arrivals from server 0 and from server 1 of the key in each slot. */
  private readonly counts: [Uint32Array, Uint32Array];
  private next = 0;

  /** @param window how many recent keys are remembered (bounds how far the two streams may drift apart). */
  constructor(private readonly window = 200_000) {
    this.ring = new Array<string | undefined>(window);
    this.counts = [new Uint32Array(window), new Uint32Array(window)];
  }

  /** True when this arrival (from server 0 or 1 of the pair) is new and must be passed on. */
  accept(key: string, from: 0 | 1): boolean {
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.next;
      this.next = (slot + 1) % this.window;
      const old = this.ring[slot];
      if (old !== undefined && this.slotOf.get(old) === slot) this.slotOf.delete(old);
      this.ring[slot] = key;
      this.slotOf.set(key, slot);
      this.counts[0][slot] = 0;
      this.counts[1][slot] = 0;
    }
    const mine = this.counts[from];
    const n = mine[slot]! + 1;
    mine[slot] = n;
    return n > this.counts[from === 0 ? 1 : 0][slot]!;
  }

  /** Takes back an accepted arrival that could not be used (malformed): the other copy may be good. */
  reject(key: string, from: 0 | 1): void {
    const slot = this.slotOf.get(key);
    const mine = this.counts[from];
    if (slot !== undefined && mine[slot]! > 0) mine[slot]!--;
  }

  get size(): number {
    return this.slotOf.size;
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
