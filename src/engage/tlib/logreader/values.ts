// Reading one value as SIP Server prints it: 'quoted string', a bare integer, 16 hex digits (ConnID),
// hex (EventSequenceNumber), `1439853377 (23:16:17)` (TimeinSecs), or a KV-list header
// `[561] 00 14 00 00..` whose first two bytes give the number of pairs. Values are read in place from
// a range of the chunk's text with char checks, not regular expressions or intermediate strings: this
// runs for every attribute line of a 200 MB log.
import { attributeKind, isKnownAttribute } from '../model/attributes.ts';
import { isKnownMessage } from '../model/messages.ts';
import type { TValue } from '../model/types.ts';

/** A value that does not fit its attribute. */
export class BadValue {
  constructor(readonly problem: string) {}
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

function quoted(t: string, s: number, e: number): boolean {
  return e - s >= 2 && t.charCodeAt(s) === 39 && t.charCodeAt(e - 1) === 39;
}

/** A leading decimal integer of t[s, e) followed by the end or a blank (`1439853377 (23:16:17)`). */
function leadingInt(t: string, s: number, e: number, whole: boolean): number | undefined {
  let i = s;
  const neg = t.charCodeAt(i) === 45;
  if (neg) i++;
  const start = i;
  let v = 0;
  while (i < e) {
    const c = t.charCodeAt(i);
    if (!isDigit(c)) break;
    v = v * 10 + (c - 48);
    i++;
  }
  if (i === start || i - start > 15) return undefined;
  if (i < e && (whole || (t.charCodeAt(i) !== 32 && t.charCodeAt(i) !== 9))) return undefined;
  // In a KV-list, '-0' and '007' would not print back the same: they stay text there.
  if (whole && ((neg && v === 0) || (t.charCodeAt(start) === 48 && i - start > 1))) return undefined;
  return neg ? -v : v;
}

function allHex(t: string, s: number, e: number): boolean {
  if (e <= s) return false;
  for (let i = s; i < e; i++) if (!isHex(t.charCodeAt(i))) return false;
  return true;
}

/** A scalar value of a KV pair in t[s, e): 'string', an integer, or the raw text. */
export function pairValue(t: string, s: number, e: number): TValue {
  if (quoted(t, s, e)) return t.slice(s + 1, e - 1);
  return leadingInt(t, s, e, true) ?? t.slice(s, e);
}

/** Whether t[s, e) opens a quote it does not close. */
export function unterminatedQuote(t: string, s: number, e: number): boolean {
  return t.charCodeAt(s) === 39 && !quoted(t, s, e);
}

/** The pair count of a KV-list header `[561] 00 14 00 00..`; undefined if it has no count bytes. */
export function kvHeaderCount(s: string): number | undefined | 'not-a-header' {
  if (s.charCodeAt(0) !== 91) return 'not-a-header';
  const close = s.indexOf(']');
  if (close < 2) return 'not-a-header';
  for (let i = 1; i < close; i++) if (!isDigit(s.charCodeAt(i))) return 'not-a-header';
  const b0 = s.slice(close + 2, close + 4);
  const b1 = s.slice(close + 5, close + 7);
  if (b0.length === 2 && b1.length === 2 && allHex(b0, 0, 2) && allHex(b1, 0, 2))
    return parseInt(b0 + b1, 16);
  return undefined;
}

/** The value of `AttributeX <t[s, e)>` other than a KV-list, read by the attribute's kind. */
export function attributeValue(name: string, t: string, s: number, e: number): TValue | BadValue {
  switch (attributeKind(name)) {
    case 'connid': {
      if (quoted(t, s, e)) {
        s++;
        e--;
      }
      if (e - s !== 16 || !allHex(t, s, e)) return new BadValue(`${name}: "${cut(t, s, e)}" is not a ConnID`);
      const v = t.slice(s, e);
      for (let i = s; i < e; i++) if (t.charCodeAt(i) < 97 && t.charCodeAt(i) > 64) return v.toLowerCase();
      return v;
    }
    case 'seq': {
      if (quoted(t, s, e)) {
        s++;
        e--;
      }
      if (!allHex(t, s, e)) return new BadValue(`${name}: "${cut(t, s, e)}" is not hex`);
      let i = s;
      while (i < e - 1 && t.charCodeAt(i) === 48) i++;
      if (e - i > 16) return new BadValue(`${name}: "${cut(t, s, e)}" is over 64 bits`);
      // Beyond 13 hex digits a number could lose precision: keep the hex text then.
      return e - i <= 13 ? parseInt(t.slice(i, e), 16) : t.slice(i, e).toLowerCase();
    }
    case 'int': {
      const v = quoted(t, s, e) ? leadingInt(t, s + 1, e - 1, true) : leadingInt(t, s, e, false);
      return v ?? new BadValue(`${name}: "${cut(t, s, e)}" is not an integer`);
    }
    case 'kvlist':
      return new BadValue(`${name}: expected a KV-list header "[size] hex..", got "${cut(t, s, e)}"`);
    case 'message': {
      const m = quoted(t, s, e) ? t.slice(s + 1, e - 1) : t.slice(s, e);
      return isKnownMessage(m) ? m : new BadValue(`${name}: "${cut(t, s, e)}" is not a T-Lib message`);
    }
    case 'string':
      if (quoted(t, s, e)) return t.slice(s + 1, e - 1);
      if (t.charCodeAt(s) === 39) return new BadValue(`${name}: unterminated string "${cut(t, s, e)}"`);
      // A known string attribute stays a string even when unquoted ('6001' and 6001 are one DN).
      return isKnownAttribute(name) ? t.slice(s, e) : pairValue(t, s, e);
  }
}

/** t[s, e) shortened for an error message. */
export function cut(t: string, s = 0, e = t.length, max = 60): string {
  return e - s > max ? t.slice(s, s + max) + '…' : t.slice(s, e);
}
