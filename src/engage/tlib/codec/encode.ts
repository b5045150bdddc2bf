// TMessage → one JSON-link line (DESIGN §6): {"message":"EventX" | "request":"RequestX", meta…,
// "AttributeX":…}. KV-lists are written by hand as JSON objects so that their order and repeated keys
// survive (JSON.stringify of an object would move integer-like keys first).
import type { KVList, TMessage, TValue } from '../model/types.ts';

function kv(list: KVList): string {
  let s = '{';
  for (let i = 0; i < list.length; i++) {
    const pair = list[i] as KVList[number];
    if (i) s += ',';
    s += JSON.stringify(pair[0]) + ':' + value(pair[1]);
  }
  return s + '}';
}

function value(v: TValue): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return kv(v);
}

/** The JSON-link line of a message, without the trailing newline. */
export function encodeJsonLine(msg: TMessage): string {
  let s = (msg.kind === 'request' ? '{"request":' : '{"message":') + JSON.stringify(msg.name);
  if (msg.server !== undefined) s += ',"server":' + JSON.stringify(msg.server);
  if (msg.source !== undefined) s += ',"source":' + JSON.stringify(msg.source);
  if (msg.line !== undefined) s += ',"line":' + String(msg.line);
  if (msg.logTime !== undefined) s += ',"logTime":' + JSON.stringify(msg.logTime);
  if (msg.reconstructed !== undefined) s += ',"reconstructed":' + String(msg.reconstructed);
  if (msg.notes !== undefined) s += ',"notes":' + JSON.stringify(msg.notes);
  const attrs = msg.attributes;
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) s += ',' + JSON.stringify(k) + ':' + value(v);
  }
  return s + '}';
}
