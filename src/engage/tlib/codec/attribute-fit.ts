// Whether a JSON value fits an attribute of the T-Lib model: the one rule both decoding paths apply
// (decode.ts over the parsed tree, decode-one-pass.ts while parsing).
import { attributeKind, isKnownAttribute } from '../model/attributes.ts';
import { isEventName, isRequestName, messageName } from '../model/messages.ts';
import { isJObject, type JValue } from './json-ordered.ts';

const CONNID = /^[0-9a-fA-F]{16}$/;
const HEX = /^[0-9a-fA-F]{1,16}$/;
/** A top-level key that names an attribute (others are the line's own fields, or ignored). */
export const ATTRIBUTE_NAME = /^Attribute[A-Za-z0-9_]+$/;

/** Why a value does not fit its attribute, or undefined when it fits. */
export function misfit(name: string, v: JValue): string | undefined {
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
