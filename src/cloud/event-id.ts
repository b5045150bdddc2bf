// Deterministic event ids: the Events API wants a V4-formatted UUID per event. Deriving the id from the
// Engage event it came from (a hash of its identifying parts) makes a re-send after a crash or a failover
// carry the same id, so the connector's own bookkeeping (and the audit of the lab emulator) can tell a
// repeat. Whether the API itself de-duplicates a repeated id is not public: never rely on it.
import { hash } from 'node:crypto';

export type EventIdPart = string | number | bigint | boolean | null | undefined;

/**
 * A UUID in version-4 format (version nibble 4, RFC 4122 variant) from a SHA-256 of the parts. Parts are
 * length-prefixed so that ('ab','c') and ('a','bc') differ; null and undefined are distinct from ''.
 */
export function eventIdFor(...parts: EventIdPart[]): string {
  // One string hashed at once (crypto.hash): the same digest as an update per part, at a quarter of
  // the cost of a Hash object; ids are made for every event sent.
  let text = '';
  for (const p of parts) {
    const s = p === undefined ? '\u0000u' : p === null ? '\u0000n' : `${typeof p}:${String(p)}`;
    text += `${Buffer.byteLength(s)}:${s};`;
  }
  const b = hash('sha256', text, 'buffer').subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
