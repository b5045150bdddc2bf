// Replays a recorded JSON-lines file (the T-Lib JSON link, or `tlib convert` output) through the
// simulator at its original pace or faster: each event goes out when its original time offset, divided by
// `speed`, has passed. Sequence numbers are the servers' own; requests and malformed lines are skipped.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventPlayer } from './player.ts';
import type { SimEvent, TLibBody } from './scenarios/index.ts';

export const MONITORING_EVENTS = new Set([
  'EventCallCreated',
  'EventCallDataChanged',
  'EventCallDeleted',
  'EventCallPartyAdded',
  'EventCallPartyState',
  'EventCallPartyMoved',
  'EventCallPartyDeleted',
]);

/** Fields of a recorded line that belong to the recording, not to the event. */
const DROPPED = [
  'AttributeEventSequenceNumber',
  'server',
  'source',
  'line',
  'logTime',
  'reconstructed',
  'notes',
];

export interface ReplayResult {
  events: number;
  skipped: { line: number; reason: string }[];
}

/** A recorded line as the simulator plays it, or the reason it cannot be played. */
export function recordedEvent(text: string): { body: TLibBody; dn: string | null; timeUs?: number } | string {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'not a JSON object';
  const rec = o as Record<string, unknown>;
  if (typeof rec['request'] === 'string') return 'a request';
  const message = rec['message'];
  if (typeof message !== 'string' || !message.startsWith('Event')) return 'no event name';
  const body: TLibBody = { message };
  for (const [k, v] of Object.entries(rec)) if (k !== 'message' && !DROPPED.includes(k)) body[k] = v;
  const dn = MONITORING_EVENTS.has(message)
    ? null
    : typeof rec['AttributeThisDN'] === 'string'
      ? rec['AttributeThisDN']
      : undefined;
  if (dn === undefined) return 'a DN event without AttributeThisDN';
  const secs = rec['AttributeTimeinSecs'];
  const usecs = rec['AttributeTimeinuSecs'];
  return {
    body,
    dn,
    ...(typeof secs === 'number'
      ? { timeUs: secs * 1_000_000 + (typeof usecs === 'number' ? usecs : 0) }
      : {}),
  };
}

/**
 * Streams `file` into the player. `speed` 1 keeps the original pace, 10 is ten times faster, 0 plays as
 * fast as possible. Resolves once every line is queued.
 */
export async function replayFile(file: string, speed: number, player: EventPlayer): Promise<ReplayResult> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const result: ReplayResult = { events: 0, skipped: [] };
  const startUs = Date.now() * 1000;
  let firstUs: number | undefined;
  let lastAt = startUs;
  let lineNo = 0;
  for await (const raw of rl) {
    lineNo++;
    const text = raw.trim();
    if (!text) continue;
    const r = recordedEvent(text);
    if (typeof r === 'string') {
      if (r !== 'a request') result.skipped.push({ line: lineNo, reason: r });
      continue;
    }
    firstUs ??= r.timeUs;
    const offset =
      speed > 0 && r.timeUs !== undefined && firstUs !== undefined ? (r.timeUs - firstUs) / speed : 0;
    // Keep the file's order even where its clock steps back (several servers in one file).
    lastAt = Math.max(lastAt + 1, Math.round(startUs + offset));
    const ev: SimEvent = { atUs: lastAt, site: 'home', dn: r.dn, body: r.body };
    player.add([ev]);
    result.events++;
    while (player.pending > 20_000) await sleep(10);
  }
  return result;
}
