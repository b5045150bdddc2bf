// Replays a recording through the simulator at its original pace or faster: a JSON-lines file (the T-Lib
// JSON link, or `tlib convert` output) or a SIP Server log (read by the T-Lib log reader). Each event goes
// out when its original time offset, divided by `speed`, has passed. Sequence numbers are the servers'
// own; requests and malformed lines are skipped.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeJsonLine } from '../../../engage/tlib/codec/encode.ts';
import { TlibLogReader } from '../../../engage/tlib/logreader/reader.ts';
import { CALL_MONITORING_EVENTS } from '../../../engage/tlib/model/messages.ts';
import type { TMessage } from '../../../engage/tlib/model/types.ts';
import type { EventPlayer } from './player.ts';
import type { SimEvent, TLibBody } from './scenarios/index.ts';

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
  const dn = CALL_MONITORING_EVENTS.has(message)
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

export type ReplayFormat = 'auto' | 'jsonl' | 'tlib-log';

/** `HH:MM:SS.ffff` of a log line → microseconds into the day. */
function logTimeUs(t: string | undefined): number | undefined {
  const m = t ? /^(\d{2}):(\d{2}):(\d{2})\.(\d{1,6})$/.exec(t) : null;
  if (!m) return undefined;
  const frac = Number(m[4]!.padEnd(6, '0'));
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1_000_000 + frac;
}

type Recorded = { text: string; line: number; timeUs?: number } | { line: number; error: string };

async function* logLines(file: string): AsyncGenerator<Recorded> {
  const queue: Recorded[] = [];
  const reader = new TlibLogReader(
    {
      message: (m) => queue.push(withLogTime(m)),
      error: (e) => queue.push({ line: e.line, error: e.message }),
    },
    { source: file },
  );
  for await (const chunk of createReadStream(file)) {
    reader.push(chunk as Buffer);
    yield* queue.splice(0);
  }
  reader.end();
  yield* queue.splice(0);
}

function withLogTime(m: TMessage): { text: string; line: number; timeUs?: number } {
  const t = logTimeUs(m.logTime);
  return { text: encodeJsonLine(m), line: m.line ?? 0, ...(t !== undefined ? { timeUs: t } : {}) };
}

async function* jsonLines(file: string): AsyncGenerator<Recorded> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    const text = raw.trim();
    if (text) yield { text, line };
  }
}

async function detectFormat(file: string): Promise<'jsonl' | 'tlib-log'> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{') ? 'jsonl' : 'tlib-log';
  } finally {
    await fh.close();
  }
}

/**
 * Streams `file` into the player. `speed` 1 keeps the original pace, 10 is ten times faster, 0 plays as
 * fast as possible. Resolves once every event is queued.
 */
export async function replayFile(
  file: string,
  speed: number,
  player: EventPlayer,
  format: ReplayFormat = 'auto',
): Promise<ReplayResult> {
  const kind = format === 'auto' ? await detectFormat(file) : format;
  const source = kind === 'jsonl' ? jsonLines(file) : logLines(file);
  const result: ReplayResult = { events: 0, skipped: [] };
  const startUs = Date.now() * 1000;
  let firstUs: number | undefined;
  let lastAt = startUs;
  for await (const item of source) {
    if ('error' in item) {
      result.skipped.push({ line: item.line, reason: item.error });
      continue;
    }
    const r = recordedEvent(item.text);
    if (typeof r === 'string') {
      if (r !== 'a request') result.skipped.push({ line: item.line, reason: r });
      continue;
    }
    // A log's own line time paces a message that carries no T-Lib time.
    const timeUs = r.timeUs ?? item.timeUs;
    firstUs ??= timeUs;
    const offset =
      speed > 0 && timeUs !== undefined && firstUs !== undefined ? (timeUs - firstUs) / speed : 0;
    // Keep the file's order even where its clock steps back (several servers in one file).
    lastAt = Math.max(lastAt + 1, Math.round(startUs + offset));
    const ev: SimEvent = { atUs: lastAt, site: 'home', dn: r.dn, body: r.body };
    player.add([ev]);
    result.events++;
    while (player.pending > 20_000) await sleep(10);
  }
  return result;
}
