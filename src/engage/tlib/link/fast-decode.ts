// A fast path in front of the codec's decodeJsonLine for the common line: JSON.parse (native, several
// times faster than the order-keeping parser) is safe when the line has no integer-like keys (which
// JSON.parse would move first) and no repeated keys (which it would drop). Whenever that cannot be shown,
// or anything about the line is unusual, the exact decoder decides, so results and error reports are the
// codec's own.
import { decodeJsonLine, MAX_LINE_BYTES, type DecodeContext, type DecodeResult } from '../codec/decode.ts';
import { requiredAttributes } from '../codec/rules.ts';
import { attributeKind, isKnownAttribute } from '../model/attributes.ts';
import { isEventName, isRequestName } from '../model/messages.ts';
import type { KVList, TMessage, TValue } from '../model/types.ts';

const INTEGER_KEY = /"(?:0|[1-9][0-9]*)"\s*:/;
const WS_BEFORE_COLON = /"\s+:/;
const CONNID = /^[0-9a-fA-F]{16}$/;
const HEX = /^[0-9a-fA-F]{1,16}$/;
const ATTRIBUTE_NAME = /^Attribute[A-Za-z0-9_]+$/;

/** Thrown inside the fast path to hand the line to the exact decoder. */
const SLOW = Symbol('slow');

function kvList(o: Record<string, unknown>, keys: { n: number }): KVList {
  const out: KVList = [];
  for (const k in o) {
    keys.n++;
    const v = o[k];
    if (typeof v === 'string') out.push([k, v]);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push([k, v]);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v))
      out.push([k, kvList(v as Record<string, unknown>, keys)]);
    else throw SLOW;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function value(name: string, v: unknown, keys: { n: number }): TValue {
  switch (attributeKind(name)) {
    case 'connid':
      if (typeof v === 'string' && CONNID.test(v)) return v;
      throw SLOW;
    case 'int':
      if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
      throw SLOW;
    case 'seq':
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
      if (typeof v === 'string' && HEX.test(v)) return v;
      throw SLOW;
    case 'kvlist':
      if (isObject(v)) return kvList(v, keys);
      throw SLOW;
    case 'message':
      if (typeof v === 'string' && (isEventName(v) || isRequestName(v))) return v;
      throw SLOW;
    case 'string':
      if (typeof v === 'string') return v;
      if (isKnownAttribute(name)) throw SLOW;
      if (typeof v === 'number') return v;
      if (isObject(v)) return kvList(v, keys);
      throw SLOW;
  }
}

function fast(line: string, ctx: DecodeContext): DecodeResult | undefined {
  if (line.length * 3 > MAX_LINE_BYTES || INTEGER_KEY.test(line)) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(root)) return undefined;
  const keys = { n: 0 };
  const msg: TMessage = { kind: 'event', name: '', attributes: {} };
  let named = 0;
  for (const k in root) {
    keys.n++;
    const v = root[k];
    if (k === 'message' || k === 'request') {
      named++;
      if (typeof v !== 'string' || !(k === 'message' ? isEventName(v) : isRequestName(v))) return undefined;
      msg.kind = k === 'message' ? 'event' : 'request';
      msg.name = v;
    } else if (ATTRIBUTE_NAME.test(k)) msg.attributes[k] = value(k, v, keys);
    else if (
      k === 'server' ||
      k === 'source' ||
      k === 'logTime' ||
      k === 'line' ||
      k === 'reconstructed' ||
      k === 'notes'
    ) {
      return undefined;
    }
  }
  if (named !== 1) return undefined;
  for (const a of requiredAttributes(msg.name)) if (msg.attributes[a] === undefined) return undefined;
  // Every key of the text must have become a member, otherwise a key was repeated. A key ends in `":`
  // (whitespace there, or a backslash before the quote, sends the line to the exact decoder): counting
  // those can only overcount (a value starting with ':'), which also ends up there.
  if (WS_BEFORE_COLON.test(line)) return undefined;
  let tokens = 0;
  for (let i = line.indexOf('":'); i >= 0; i = line.indexOf('":', i + 2)) {
    if (line.charCodeAt(i - 1) === 92) return undefined;
    tokens++;
  }
  if (tokens !== keys.n) return undefined;
  if (ctx.server !== undefined) msg.server = ctx.server;
  return { ok: true, message: msg };
}

/** decodeJsonLine's result, computed faster for ordinary lines. */
export function decodeLinkLine(line: string, ctx: DecodeContext = {}): DecodeResult {
  try {
    const r = fast(line, ctx);
    if (r) return r;
  } catch (e) {
    if (e !== SLOW) throw e;
  }
  return decodeJsonLine(line, ctx);
}
