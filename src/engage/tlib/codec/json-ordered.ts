// A small JSON parser that keeps object members in order and keeps repeated keys, because a T-Lib
// KV-list is ordered and may repeat keys, and JSON.parse would reorder integer-like keys and drop
// repeats. It never throws: a syntax error comes back with its character position. Depth is bounded so
// that hostile input cannot overflow the stack.

export type JValue = string | number | boolean | null | JValue[] | JObject;
export interface JObject {
  members: [string, JValue][];
}

export type JParse = { ok: true; value: JValue } | { ok: false; reason: string; pos: number };

const MAX_DEPTH = 64;

class Fail {
  constructor(
    readonly reason: string,
    readonly pos: number,
  ) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function parseOrderedJson(text: string): JParse {
  let i = 0;
  const n = text.length;

  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };

  const str = (): string => {
    // text[i] is the opening quote
    const start = ++i;
    let out = '';
    let from = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(from, i++);
        return out;
      }
      if (c < 0x20) throw new Fail('control character in string', i);
      if (c === 92) {
        out += text.slice(from, i);
        const e = text.charCodeAt(i + 1);
        switch (e) {
          case 34:
            out += '"';
            break;
          case 92:
            out += '\\';
            break;
          case 47:
            out += '/';
            break;
          case 98:
            out += '\b';
            break;
          case 102:
            out += '\f';
            break;
          case 110:
            out += '\n';
            break;
          case 114:
            out += '\r';
            break;
          case 116:
            out += '\t';
            break;
          case 117: {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail('bad \\u escape', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            throw new Fail('bad escape', i);
        }
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    throw new Fail('unterminated string', start - 1);
  };

  const value = (depth: number): JValue => {
    if (depth > MAX_DEPTH) throw new Fail('nested too deep', i);
    ws();
    if (i >= n) throw new Fail('unexpected end', i);
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      const members: [string, JValue][] = [];
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        return { members };
      }
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) throw new Fail('expected a string key', i);
        const k = str();
        ws();
        if (text.charCodeAt(i) !== 58) throw new Fail("expected ':'", i);
        i++;
        members.push([k, value(depth + 1)]);
        ws();
        const d = text.charCodeAt(i);
        if (d === 44) {
          i++;
          continue;
        }
        if (d === 125) {
          i++;
          return { members };
        }
        throw new Fail("expected ',' or '}'", i);
      }
    }
    if (c === 91) {
      i++;
      const items: JValue[] = [];
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        const d = text.charCodeAt(i);
        if (d === 44) {
          i++;
          continue;
        }
        if (d === 93) {
          i++;
          return items;
        }
        throw new Fail("expected ',' or ']'", i);
      }
    }
    if (c === 34) return str();
    if (c === 116 && text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (c === 102 && text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (c === 110 && text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    throw new Fail('unexpected character', i);
  };

  try {
    const v = value(0);
    ws();
    if (i < n) return { ok: false, reason: 'text after the JSON value', pos: i };
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, reason: e.reason, pos: e.pos };
    return { ok: false, reason: String(e), pos: i };
  }
}

export function isJObject(v: JValue): v is JObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
