// A small JSON parser that keeps object members in order and keeps repeated keys, because a T-Lib
// KV-list is ordered and may repeat keys, and JSON.parse would reorder integer-like keys and drop
// repeats. It never throws: a syntax error comes back with its character position. Depth is bounded so
// that hostile input cannot overflow the stack. Written as one class with no per-call closures: it
// runs for every line of a link carrying 50,000 events a second.

export type JValue = string | number | boolean | null | JValue[] | JObject;
export interface JObject {
  members: [string, JValue][];
}

export type JParse = { ok: true; value: JValue } | { ok: false; reason: string; pos: number };

/** How deep a value may sit in a line: the line's object is depth 0, each object or array one more. */
export const MAX_DEPTH = 64;

class Fail {
  constructor(
    readonly reason: string,
    readonly pos: number,
  ) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * A position in a JSON text and the reading of one token or value from it; throws (a private Fail) on a
 * syntax error. `parseOrderedJson` reads a whole value with it; the one-pass decoder reads a line's
 * members with it and builds the message as it goes.
 */
export class Parser {
  /** Where in the text the parser stands. */
  pos = 0;
  /** Where the next backslash is (or text.length): found once, not per string. */
  private backslash = -1;

  constructor(private readonly text: string) {}

  ws(): void {
    const t = this.text;
    let i = this.pos;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    this.pos = i;
  }

  str(): string {
    const t = this.text;
    const start = this.pos + 1;
    const quote = t.indexOf('"', start);
    if (quote < 0) throw new Fail('unterminated string', start - 1);
    if (this.backslash < start) {
      const b = t.indexOf('\\', start);
      this.backslash = b < 0 ? t.length : b;
    }
    if (this.backslash > quote) {
      for (let j = start; j < quote; j++)
        if (t.charCodeAt(j) < 0x20) throw new Fail('control character in string', j);
      this.pos = quote + 1;
      return t.slice(start, quote);
    }
    return this.escaped(start);
  }

  private escaped(start: number): string {
    const t = this.text;
    let i = start;
    let out = '';
    let from = start;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        out += t.slice(from, i);
        this.pos = i + 1;
        this.backslash = -1;
        return out;
      }
      if (c < 0x20) throw new Fail('control character in string', i);
      if (c !== 92) {
        i++;
        continue;
      }
      out += t.slice(from, i);
      const e = t.charCodeAt(i + 1);
      if (e === 34) out += '"';
      else if (e === 92) out += '\\';
      else if (e === 47) out += '/';
      else if (e === 98) out += '\b';
      else if (e === 102) out += '\f';
      else if (e === 110) out += '\n';
      else if (e === 114) out += '\r';
      else if (e === 116) out += '\t';
      else if (e === 117) {
        const hex = t.slice(i + 2, i + 6);
        if (!HEX4.test(hex)) throw new Fail('bad \\u escape', i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else throw new Fail('bad escape', i);
      i += 2;
      from = i;
    }
    throw new Fail('unterminated string', start - 1);
  }

  value(depth: number): JValue {
    if (depth > MAX_DEPTH) throw new Fail('nested too deep', this.pos);
    this.ws();
    const t = this.text;
    if (this.pos >= t.length) throw new Fail('unexpected end', this.pos);
    const c = t.charCodeAt(this.pos);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return this.str();
    if (c === 116 && t.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (c === 102 && t.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (c === 110 && t.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (m) {
      this.pos += m[0].length;
      return Number(m[0]);
    }
    throw new Fail('unexpected character', this.pos);
  }

  private object(depth: number): JObject {
    const t = this.text;
    this.pos++;
    const members: [string, JValue][] = [];
    this.ws();
    if (t.charCodeAt(this.pos) === 125) {
      this.pos++;
      return { members };
    }
    for (;;) {
      this.ws();
      if (t.charCodeAt(this.pos) !== 34) throw new Fail('expected a string key', this.pos);
      const k = this.str();
      this.ws();
      if (t.charCodeAt(this.pos) !== 58) throw new Fail("expected ':'", this.pos);
      this.pos++;
      members.push([k, this.value(depth + 1)]);
      this.ws();
      const d = t.charCodeAt(this.pos);
      this.pos++;
      if (d === 44) continue;
      if (d === 125) return { members };
      throw new Fail("expected ',' or '}'", this.pos - 1);
    }
  }

  private array(depth: number): JValue[] {
    const t = this.text;
    this.pos++;
    const items: JValue[] = [];
    this.ws();
    if (t.charCodeAt(this.pos) === 93) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.ws();
      const d = t.charCodeAt(this.pos);
      this.pos++;
      if (d === 44) continue;
      if (d === 93) return items;
      throw new Fail("expected ',' or ']'", this.pos - 1);
    }
  }
}

export function parseOrderedJson(text: string): JParse {
  const p = new Parser(text);
  try {
    const v = p.value(0);
    p.ws();
    if (p.pos < text.length) return { ok: false, reason: 'text after the JSON value', pos: p.pos };
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, reason: e.reason, pos: e.pos };
    return { ok: false, reason: String(e), pos: p.pos };
  }
}

export function isJObject(v: JValue): v is JObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
