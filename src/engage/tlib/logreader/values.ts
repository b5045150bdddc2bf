// Reading one value as SIP Server prints it: 'quoted string', a bare integer, 16 hex digits (ConnID),
// hex (EventSequenceNumber), `1439853377 (23:16:17)` (TimeinSecs), or a KV-list header
// `[561] 00 14 00 00..` whose 2nd and 3rd… bytes give the number of pairs. Hand-written char checks
// instead of regular expressions: this runs for every attribute line of a 200 MB log.
import { attributeKind, isKnownAttribute } from '../model/attributes.ts';
import { isKnownMessage } from '../model/messages.ts';
import type { TValue } from '../model/types.ts';

export type ValueResult = { ok: true; value: TValue } | { ok: false; problem: string };

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** The text of a quoted value, or undefined when `s` is not 'quoted'. */
export function unquote(s: string): string | undefined {
  const n = s.length;
  if (n >= 2 && s.charCodeAt(0) === 39 && s.charCodeAt(n - 1) === 39) return s.slice(1, n - 1);
  return undefined;
}

/** A leading decimal integer (`-12`, `1439853377 (23:16:17)`), or undefined. */
export function leadingInt(s: string): number | undefined {
  let i = 0;
  const n = s.length;
  if (s.charCodeAt(0) === 45) i++;
  const start = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === start) return undefined;
  if (i < n && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 9) return undefined;
  const v = Number(s.slice(0, i));
  return Number.isSafeInteger(v) ? v : undefined;
}

function allHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHex(s.charCodeAt(i))) return false;
  return s.length > 0;
}

/** A scalar value of a KV pair: 'string', integer, or the raw text. */
export function pairValue(s: string): TValue {
  const q = unquote(s);
  if (q !== undefined) return q;
  const i = leadingInt(s);
  return i !== undefined && String(i).length === s.length ? i : s;
}

/** The pair count of a KV-list header `[561] 00 14 00 00..`, or undefined if not a header. */
export function kvHeaderCount(s: string): number | undefined | 'not-a-header' {
  if (s.charCodeAt(0) !== 91) return 'not-a-header';
  const close = s.indexOf(']');
  if (close < 2) return 'not-a-header';
  for (let i = 1; i < close; i++) if (!isDigit(s.charCodeAt(i))) return 'not-a-header';
  // `] 00 14 …`: the first two bytes are the pair count, big-endian.
  const b0 = s.slice(close + 2, close + 4);
  const b1 = s.slice(close + 5, close + 7);
  if (b0.length === 2 && b1.length === 2 && allHex(b0) && allHex(b1)) return parseInt(b0 + b1, 16);
  return undefined;
}

/** The value of `AttributeX <text>` other than a KV-list, read by the attribute's kind. */
export function attributeValue(name: string, text: string): ValueResult {
  const kind = attributeKind(name);
  switch (kind) {
    case 'connid': {
      const s = unquote(text) ?? text;
      if (s.length !== 16 || !allHex(s))
        return { ok: false, problem: `${name}: "${cut(text)}" is not a ConnID` };
      return { ok: true, value: s.toLowerCase() };
    }
    case 'seq': {
      const s = unquote(text) ?? text;
      if (!allHex(s)) return { ok: false, problem: `${name}: "${cut(text)}" is not hex` };
      let i = 0;
      while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
      const digits = s.slice(i);
      if (digits.length > 16) return { ok: false, problem: `${name}: "${cut(text)}" is over 64 bits` };
      // Beyond 13 hex digits a number could lose precision: keep the hex text then.
      return { ok: true, value: digits.length <= 13 ? parseInt(digits, 16) : digits.toLowerCase() };
    }
    case 'int': {
      const v = leadingInt(unquote(text) ?? text);
      if (v === undefined) return { ok: false, problem: `${name}: "${cut(text)}" is not an integer` };
      return { ok: true, value: v };
    }
    case 'kvlist':
      return { ok: false, problem: `${name}: expected a KV-list header "[size] hex..", got "${cut(text)}"` };
    case 'message': {
      const m = unquote(text) ?? text;
      if (!isKnownMessage(m)) return { ok: false, problem: `${name}: "${cut(text)}" is not a T-Lib message` };
      return { ok: true, value: m };
    }
    case 'string': {
      const q = unquote(text);
      if (q !== undefined) return { ok: true, value: q };
      if (text.charCodeAt(0) === 39)
        return { ok: false, problem: `${name}: unterminated string "${cut(text)}"` };
      // A known string attribute stays a string even when unquoted ('6001' and 6001 are one DN).
      return { ok: true, value: isKnownAttribute(name) ? text : pairValue(text) };
    }
  }
}

export function cut(s: string, max = 60): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}
