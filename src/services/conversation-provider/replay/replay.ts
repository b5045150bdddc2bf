// `replay`: a recorded T-Lib stream (a SIP Server log, or JSON lines of the T-Lib link) through the same
// tracker EXCP runs, event by event, in file order. Pure of sending: the caller decides what to do with
// the Genesys Cloud events and notes.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  decodeJsonLine,
  isEvent,
  thisDn,
  TlibLogReader,
  type TEvent,
  type TMessage,
} from '../../../engage/tlib/index.ts';
import { CALL_MONITORING_EVENTS } from '../../../engage/tlib/model/messages.ts';
import {
  emptyState,
  step,
  type Directory,
  type LinkKind,
  type OutEvent,
  type TrackerNote,
} from '../core/api.ts';

export type ReplayFormat = 'tlib-log' | 'jsonl';

export interface ReplaySink {
  event(e: OutEvent): void;
  note(n: TrackerNote): void;
  /** A line or block that is no T-Lib message (the replay goes on). */
  malformed(line: number, message: string): void;
}

export interface ReplayCounts {
  events: number;
  out: number;
  notes: number;
  malformed: number;
}

/** The link a recorded event would have come in on: call monitoring, a VQ, or an agent's extension. */
export function linkFor(ev: TEvent, dir: Directory, site: string): LinkKind {
  if (CALL_MONITORING_EVENTS.has(ev.name)) return 'call';
  const dn = thisDn(ev);
  if (dn && dir.queueByDn(dn, site)) return 'vq';
  if (ev.name === 'EventQueued' && dn && !dir.extension(dn, site)) return 'vq';
  return 'agent';
}

/** jsonl for `.jsonl`/`.json` or a first character `{`; a SIP Server log otherwise. */
export function sniffFormat(file: string, head: string): ReplayFormat {
  if (/\.jsonl?$/i.test(file)) return 'jsonl';
  if (/\.log$/i.test(file)) return 'tlib-log';
  return head.trimStart().startsWith('{') ? 'jsonl' : 'tlib-log';
}

async function forEachMessage(
  file: string,
  format: ReplayFormat,
  onMessage: (m: TMessage) => void,
  onBad: (line: number, message: string) => void,
): Promise<void> {
  if (format === 'tlib-log') {
    const reader = new TlibLogReader({ message: onMessage, error: (e) => onBad(e.line, e.message) });
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }))
      reader.push(chunk as Buffer);
    reader.end();
    return;
  }
  let n = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const r = decodeJsonLine(line, { line: n });
    if (r.ok) onMessage(r.message);
    else onBad(n, r.error.message);
  }
}

/**
 * Feeds every event of the file through a fresh tracker. `site` names the switch (the mappings' switch
 * names); when absent, each event's server name is used.
 */
export async function replayFile(
  file: string,
  o: { format: ReplayFormat; dir: Directory; site?: string | undefined },
  sink: ReplaySink,
): Promise<ReplayCounts> {
  const state = emptyState();
  const counts: ReplayCounts = { events: 0, out: 0, notes: 0, malformed: 0 };
  await forEachMessage(
    file,
    o.format,
    (m) => {
      if (!isEvent(m)) return;
      counts.events++;
      const site = o.site ?? m.server ?? 'default';
      const r = step(state, { event: m, link: linkFor(m, o.dir, site), site }, o.dir);
      for (const e of r.events) sink.event(e);
      for (const n of r.notes) sink.note(n);
      counts.out += r.events.length;
      counts.notes += r.notes.length;
    },
    (line, message) => {
      counts.malformed++;
      sink.malformed(line, message);
    },
  );
  return counts;
}
