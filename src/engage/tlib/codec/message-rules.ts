// How a line's members make a message: which key is what, which value fits which attribute, and what a
// message must hold. One set of rules for both decoding paths: decode.ts applies them to the parsed
// tree, decode-one-pass.ts to each member as it reads it. A member that breaks one throws `Bad`,
// naming what was wrong.
import { attributeKind, isKnownAttribute } from '../model/attributes.ts';
import { isEventName, isRequestName, messageName } from '../model/messages.ts';
import type { KVList, KVValue, TMessage, TValue } from '../model/types.ts';
import type { TlibDecodeErrorCode } from './errors.ts';
import { isJObject, type JObject, type JValue } from './json-ordered.ts';
import { requiredAttributes } from './rules.ts';

export class Bad {
  constructor(
    readonly code: TlibDecodeErrorCode,
    readonly text: string,
    readonly attribute?: string,
    readonly column?: number,
  ) {}
}

const CONNID = /^[0-9a-fA-F]{16}$/;
const HEX = /^[0-9a-fA-F]{1,16}$/;
/** A top-level key that names an attribute (others are the line's own fields, or ignored). */
export const ATTRIBUTE_NAME = /^Attribute[A-Za-z0-9_]+$/;

/** Why a value does not fit its attribute, or undefined when it fits. */
function misfit(name: string, v: JValue): string | undefined {
  switch (attributeKind(name)) {
    case 'connid':
      return typeof v === 'string' && CONNID.test(v) ? undefined : 'expected a ConnID of 16 hex digits';
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) ? undefined : 'expected an integer';
    case 'seq':
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return undefined;
      return typeof v === 'string' && HEX.test(v) ? undefined : 'expected a non-negative integer';
    case 'kvlist':
      return isJObject(v) ? undefined : 'expected a KV-list (a JSON object)';
    case 'message':
      if (typeof v === 'string' && (isEventName(v) || isRequestName(v))) return undefined;
      return typeof v === 'number' && messageName(v) !== undefined
        ? undefined
        : 'expected a T-Lib message name';
    case 'string':
      if (typeof v === 'string') return undefined;
      if (isKnownAttribute(name)) return 'expected a string';
      return typeof v === 'number' || isJObject(v) ? undefined : 'expected a string, number or object';
  }
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

/** Applies one member of the line's object to `msg`; true when the member names the message. */
export function applyMember(msg: TMessage, k: string, v: JValue): boolean {
  if (k === 'message' || k === 'request') {
    if (typeof v !== 'string') throw new Bad('no-message-name', `"${k}" must be a string`);
    const ok = k === 'message' ? isEventName(v) : isRequestName(v);
    if (!ok)
      throw new Bad(
        'unknown-message',
        `unknown T-Lib ${k === 'message' ? 'event' : 'request'} "${v.slice(0, 80)}"`,
      );
    msg.kind = k === 'message' ? 'event' : 'request';
    msg.name = v;
    return true;
  }
  if (ATTRIBUTE_NAME.test(k)) {
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
  return false;
}

/** The message once every member is applied: named exactly once, with the attributes its name requires. */
export function finished(msg: TMessage, named: number): TMessage {
  if (named === 0) throw new Bad('no-message-name', 'no "message" or "request" name');
  if (named > 1) throw new Bad('no-message-name', 'more than one "message"/"request" name');
  for (const a of requiredAttributes(msg.name))
    if (msg.attributes[a] === undefined) throw new Bad('missing-attribute', `${msg.name} without ${a}`, a);
  return msg;
}
