// Reading and building T-Lib messages. Readers never throw: an absent or ill-typed attribute is undefined.
import type { KVList, KVValue, TEvent, TMessage, TRequest, TTime, TValue } from './types.ts';

export function attr(m: TMessage, name: string): TValue | undefined {
  return Object.hasOwn(m.attributes, name) ? m.attributes[name] : undefined;
}

/** A string attribute (undefined when absent or not a string). */
export function attrString(m: TMessage, name: string): string | undefined {
  const v = attr(m, name);
  return typeof v === 'string' ? v : undefined;
}

/** An integer attribute (undefined when absent or not a number). */
export function attrInt(m: TMessage, name: string): number | undefined {
  const v = attr(m, name);
  return typeof v === 'number' ? v : undefined;
}

/** A KV-list attribute (undefined when absent or not a list). */
export function attrList(m: TMessage, name: string): KVList | undefined {
  const v = attr(m, name);
  return Array.isArray(v) ? v : undefined;
}

export const connId = (m: TMessage): string | undefined => attrString(m, 'AttributeConnID');
export const callUuid = (m: TMessage): string | undefined => attrString(m, 'AttributeCallUUID');
export const thisDn = (m: TMessage): string | undefined => attrString(m, 'AttributeThisDN');
export const userData = (m: TMessage): KVList | undefined => attrList(m, 'AttributeUserData');
export const extensions = (m: TMessage): KVList | undefined => attrList(m, 'AttributeExtensions');
/** T-Lib's Reasons travel in AttributeReason; AttributeReasons is accepted from newer bridges. */
export const reasons = (m: TMessage): KVList | undefined =>
  attrList(m, 'AttributeReason') ?? attrList(m, 'AttributeReasons');

/** AttributeEventSequenceNumber, or undefined. */
export function sequenceNumber(m: TMessage): number | undefined {
  return attrInt(m, 'AttributeEventSequenceNumber');
}

/** AttributeTimeinSecs + AttributeTimeinuSecs (microseconds 0 when only seconds are given). */
export function eventTime(m: TMessage): TTime | undefined {
  const secs = attrInt(m, 'AttributeTimeinSecs');
  if (secs === undefined) return undefined;
  return { secs, usecs: attrInt(m, 'AttributeTimeinuSecs') ?? 0 };
}

/** The event time in microseconds since 1970, or undefined. */
export function eventTimeMicros(m: TMessage): number | undefined {
  const t = eventTime(m);
  return t ? t.secs * 1_000_000 + t.usecs : undefined;
}

/** The first value of a key in a KV-list (keys may repeat), or undefined. */
export function kvGet(list: KVList | undefined, key: string): KVValue | undefined {
  if (!list) return undefined;
  for (const [k, v] of list) if (k === key) return v;
  return undefined;
}

/** A value down a path of keys through nested lists: `kvPath(ud, 'RRequestedSkills', 'Sales')`. */
export function kvPath(list: KVList | undefined, ...keys: string[]): KVValue | undefined {
  let cur: KVValue | undefined = list;
  for (const k of keys) {
    if (!Array.isArray(cur)) return undefined;
    cur = kvGet(cur, k);
  }
  return cur;
}

export function kvString(list: KVList | undefined, key: string): string | undefined {
  const v = kvGet(list, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Builds a KV-list from an object; nested objects become nested lists. */
type KVSource = { readonly [k: string]: string | number | KVList | KVSource };

export function kvFromObject(obj: KVSource): KVList {
  return Object.entries(obj).map(([k, v]) => [
    k,
    typeof v === 'string' || typeof v === 'number' ? v : Array.isArray(v) ? v : kvFromObject(v),
  ]);
}

type Meta = Partial<Omit<TMessage, 'kind' | 'name' | 'attributes'>>;

/** Builds an event; attributes keep the order given. */
export function makeEvent(name: string, attributes: Record<string, TValue>, meta: Meta = {}): TEvent {
  return { kind: 'event', name, attributes: { ...attributes }, ...meta };
}

export function makeRequest(
  name: string,
  attributes: Record<string, TValue> = {},
  meta: Meta = {},
): TRequest {
  return { kind: 'request', name, attributes: { ...attributes }, ...meta };
}

export function isEvent(m: TMessage): m is TEvent {
  return m.kind === 'event';
}
