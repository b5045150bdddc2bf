// Renders T-Lib events the way SIP Server prints them in its log (`@HH:MM:SS.ffff … message EventX`,
// tab-indented attributes, KV-lists with their `[size] nn nn..` header), for replay fixtures.
import { attributeKind, type KVList, type TEvent, type TValue } from '../../src/engage/tlib/index.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const hex = (b: number) => b.toString(16).padStart(2, '0');

function kvLines(list: KVList, depth: number): string[] {
  const out: string[] = [];
  for (const [k, v] of list) {
    const indent = '\t'.repeat(depth);
    if (Array.isArray(v)) {
      out.push(`${indent}'${k}'\t(list)`);
      out.push(...kvLines(v, depth + 1));
    } else out.push(`${indent}'${k}'\t${typeof v === 'number' ? String(v) : `'${v}'`}`);
  }
  return out;
}

function attributeLines(name: string, v: TValue): string[] {
  if (Array.isArray(v)) {
    const n = v.length;
    return [`\t${name}\t[${n * 16}] ${hex((n >> 8) & 0xff)} ${hex(n & 0xff)} 00 00..`, ...kvLines(v, 2)];
  }
  const kind = attributeKind(name);
  if (kind === 'seq') return [`\t${name}\t${Number(v).toString(16).padStart(16, '0')}`];
  if (kind === 'connid' || typeof v === 'number') return [`\t${name}\t${String(v)}`];
  return [`\t${name}\t'${v}'`];
}

export function logBlock(ev: TEvent): string {
  const secs = Number(ev.attributes['AttributeTimeinSecs'] ?? 0);
  const usecs = Number(ev.attributes['AttributeTimeinuSecs'] ?? 0);
  const d = new Date(secs * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(Math.floor(usecs / 100), 4)}`;
  const lines = [`@${time} [0] 8.1.101.25 distribute_event: message ${ev.name}`];
  for (const [name, v] of Object.entries(ev.attributes)) lines.push(...attributeLines(name, v));
  return lines.join('\n');
}

export function logText(appName: string, events: readonly TEvent[]): string {
  const head = [
    'Genesys SIP Server log (rendered from the SIP Server simulator for the replay tests)',
    `Application name:   ${appName}`,
    'Application type:   SIPServer',
  ];
  return `${[...head, ...events.map(logBlock)].join('\n')}\n`;
}
