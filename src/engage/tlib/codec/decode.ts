// One JSON-link line → TMessage, validated: bad JSON, an unknown message, a missing ConnID where T-Lib
// requires one, an ill-typed attribute or a line over 1 MiB come back as a TlibDecodeError with the
// position. Never throws.
import { isEventName, isRequestName } from '../model/messages.ts';
import { ATTRIBUTE_NAME, misfit } from './attribute-fit.ts';
import { decodeOnePass } from './decode-one-pass.ts';
import type { KVList, KVValue, TMessage, TValue } from '../model/types.ts';
import { describePosition, type TlibDecodeError, type TlibDecodeErrorCode } from './errors.ts';
import { isJObject, parseOrderedJson, type JObject, type JValue } from './json-ordered.ts';
import { requiredAttributes } from './rules.ts';

/** The longest line a link accepts (bytes of UTF-8, without the newline). */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface DecodeContext {
  /** The server the line came from: it names the position in errors and fills `server` when absent. */
  server?: string;
  /** The line number in the stream, for errors. */
  line?: number;
}

export type DecodeResult = { ok: true; message: TMessage } | { ok: false; error: TlibDecodeError };

class Bad {
  constructor(
    readonly code: TlibDecodeErrorCode,
    readonly text: string,
    readonly attribute?: string,
    readonly column?: number,
  ) {}
}

/** A JSON object as a KV-list; `path` names where it is (`AttributeUserData.skills`) for errors. */
function toKvList(o: JObject, attribute: string, path: string): KVList {
  const out: KVList = [];
  for (const [k, v] of o.members) {
    let val: KVValue;
    if (typeof v === 'string') val = v;
    else if (typeof v === 'number' && Number.isFinite(v)) val = v;
    else if (isJObject(v)) val = toKvList(v, attribute, `${path}.${k}`);
    else
      throw new Bad(
        'bad-attribute',
        `${path}.${k}: a KV-list value must be a string, number or object`,
        attribute,
      );
    out.push([k, val]);
  }
  return out;
}

function attributeValue(name: string, v: JValue): TValue {
  const why = misfit(name, v);
  if (why !== undefined) throw new Bad('bad-attribute', `${name}: ${why}`, name);
  return isJObject(v) ? toKvList(v, name, name) : (v as string | number);
}

function build(root: JValue): TMessage {
  if (!isJObject(root)) throw new Bad('not-an-object', 'a line must be one JSON object', undefined, 0);
  const msg: TMessage = { kind: 'event', name: '', attributes: {} };
  let named = 0;
  for (const [k, v] of root.members) {
    if (k === 'message' || k === 'request') {
      named++;
      if (typeof v !== 'string') throw new Bad('no-message-name', `"${k}" must be a string`);
      const ok = k === 'message' ? isEventName(v) : isRequestName(v);
      if (!ok)
        throw new Bad(
          'unknown-message',
          `unknown T-Lib ${k === 'message' ? 'event' : 'request'} "${v.slice(0, 80)}"`,
        );
      msg.kind = k === 'message' ? 'event' : 'request';
      msg.name = v;
    } else if (ATTRIBUTE_NAME.test(k)) {
      msg.attributes[k] = attributeValue(k, v);
    } else if (k === 'server' || k === 'source' || k === 'logTime') {
      if (typeof v !== 'string') throw new Bad('bad-attribute', `"${k}" must be a string`, k);
      msg[k] = v;
    } else if (k === 'line') {
      if (typeof v !== 'number' || !Number.isSafeInteger(v))
        throw new Bad('bad-attribute', '"line" must be an integer', k);
      msg.line = v;
    } else if (k === 'reconstructed') {
      if (typeof v !== 'boolean') throw new Bad('bad-attribute', '"reconstructed" must be true or false', k);
      msg.reconstructed = v;
    } else if (k === 'notes') {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
        throw new Bad('bad-attribute', '"notes" must be an array of strings', k);
      msg.notes = v as string[];
    }
    // Other keys are ignored: a newer bridge may add fields this version does not know.
  }
  if (named === 0) throw new Bad('no-message-name', 'no "message" or "request" name');
  if (named > 1) throw new Bad('no-message-name', 'more than one "message"/"request" name');
  for (const a of requiredAttributes(msg.name))
    if (msg.attributes[a] === undefined) throw new Bad('missing-attribute', `${msg.name} without ${a}`, a);
  return msg;
}

function fail(
  ctx: DecodeContext,
  code: TlibDecodeErrorCode,
  text: string,
  extra: Partial<TlibDecodeError> = {},
): DecodeResult {
  const error: TlibDecodeError = { code, message: '', ...extra };
  if (ctx.server !== undefined) error.server = ctx.server;
  if (ctx.line !== undefined) error.line = ctx.line;
  const where = describePosition(error);
  error.message = where ? `${where}: ${text}` : text;
  return { ok: false, error };
}

/** Decodes one line (with or without its trailing newline / CR). */
export function decodeJsonLine(line: string, ctx: DecodeContext = {}): DecodeResult {
  return decodeLine(line, ctx, true);
}

/**
 * The same through the tree alone (parse the line, then build the message from it): the reference the
 * one-pass decoder is tested against. It is also what every line the one-pass decoder gives up on goes
 * through, so it alone words the errors.
 */
export function decodeJsonLineViaTree(line: string, ctx: DecodeContext = {}): DecodeResult {
  return decodeLine(line, ctx, false);
}

function decodeLine(line: string, ctx: DecodeContext, onePass: boolean): DecodeResult {
  let text = line;
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  if (end !== text.length) text = text.slice(0, end);
  if (text.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(text, 'utf8') > MAX_LINE_BYTES)
    return fail(
      ctx,
      'line-too-long',
      `line of ${Buffer.byteLength(text, 'utf8')} bytes is over the 1 MiB limit`,
    );
  const direct = onePass ? decodeOnePass(text) : undefined;
  if (direct) {
    if (direct.server === undefined && ctx.server !== undefined) direct.server = ctx.server;
    return { ok: true, message: direct };
  }
  const parsed = parseOrderedJson(text);
  if (!parsed.ok) return fail(ctx, 'bad-json', `bad JSON: ${parsed.reason}`, { column: parsed.pos });
  try {
    const message = build(parsed.value);
    if (message.server === undefined && ctx.server !== undefined) message.server = ctx.server;
    return { ok: true, message };
  } catch (e) {
    if (e instanceof Bad) {
      const extra: Partial<TlibDecodeError> = {};
      if (e.attribute !== undefined) extra.attribute = e.attribute;
      if (e.column !== undefined) extra.column = e.column;
      return fail(ctx, e.code, e.text, extra);
    }
    return fail(ctx, 'bad-json', `cannot decode: ${String(e)}`);
  }
}
