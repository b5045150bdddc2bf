// A line decoded in one pass, straight into the message: no tree of the line is built first. The tree
// (json-ordered.ts) costs half of what an EXCP instance allocates, and V8 tenures it (its lists of
// members show up in the old generation, and with them the socket chunks their strings are cut from),
// so every few seconds a major GC stalls the process. This path only ever decodes a line that is
// well-formed and fits the model: at the first thing it does not like (a syntax error, a value that
// does not fit, a missing name or attribute) it gives up and `decodeJsonLine` decodes the line through
// the tree, which reports the error exactly as before. Each member goes through the tree path's own
// rules (`message-rules.ts`); only KV-lists are read here, straight into the list. The differential
// property test (codec.property.test.ts) holds the two to the same answer for any line.
import { acceptsKvList } from '../model/attributes.ts';
import type { KVList, KVValue, TMessage } from '../model/types.ts';
import { MAX_DEPTH, Parser } from './json-ordered.ts';
import { applyMember, ATTRIBUTE_NAME, finished } from './message-rules.ts';

/** Thrown to give up; caught in decodeOnePass. */
class GiveUp {}
const giveUp = new GiveUp();

const OBJECT = 123;
const END_OBJECT = 125;
const QUOTE = 34;
const COLON = 58;
const COMMA = 44;

/** Reads a member's `"key":` and the space after it, leaving `p` on the value. */
function key(p: Parser, t: string): string {
  p.ws();
  if (t.charCodeAt(p.pos) !== QUOTE) throw giveUp;
  const k = p.str();
  p.ws();
  if (t.charCodeAt(p.pos) !== COLON) throw giveUp;
  p.pos++;
  p.ws();
  return k;
}

/** After a member: true at `,` (another follows), false at `}` (the object ends). */
function more(p: Parser, t: string): boolean {
  p.ws();
  const d = t.charCodeAt(p.pos);
  p.pos++;
  if (d === COMMA) return true;
  if (d === END_OBJECT) return false;
  throw giveUp;
}

/** `p` stands on `{`; the object sits at `depth` (the line's own object is 0), as in Parser.value. */
function kvList(p: Parser, t: string, depth: number): KVList {
  if (depth > MAX_DEPTH) throw giveUp;
  p.pos++;
  const out: KVList = [];
  p.ws();
  if (t.charCodeAt(p.pos) === END_OBJECT) {
    p.pos++;
    return out;
  }
  do {
    const k = key(p, t);
    let val: KVValue;
    if (t.charCodeAt(p.pos) === OBJECT) val = kvList(p, t, depth + 1);
    else {
      const v = p.value(depth + 1);
      if (typeof v === 'string') val = v;
      else if (typeof v === 'number' && Number.isFinite(v)) val = v;
      else throw giveUp;
    }
    out.push([k, val]);
  } while (more(p, t));
  return out;
}

/**
 * One member of the line's object, applied to `msg` by the same rules as the tree path's; true when it
 * names the message. Only a KV-list is read here (straight into the list): every other value is small.
 */
function member(p: Parser, t: string, msg: TMessage, k: string): boolean {
  if (t.charCodeAt(p.pos) === OBJECT && ATTRIBUTE_NAME.test(k) && acceptsKvList(k)) {
    msg.attributes[k] = kvList(p, t, 1);
    return false;
  }
  return applyMember(msg, k, p.value(1));
}

/** The message a well-formed line holds, or undefined for any line the tree path must look at. */
export function decodeOnePass(t: string): TMessage | undefined {
  const p = new Parser(t);
  try {
    p.ws();
    if (t.charCodeAt(p.pos) !== OBJECT) return undefined;
    p.pos++;
    const msg: TMessage = { kind: 'event', name: '', attributes: {} };
    let named = 0;
    p.ws();
    if (t.charCodeAt(p.pos) === END_OBJECT) return undefined;
    do if (member(p, t, msg, key(p, t))) named++;
    while (more(p, t));
    p.ws();
    return p.pos < t.length ? undefined : finished(msg, named);
  } catch {
    // A syntax error (the parser's Fail), a list value the tree path would refuse (GiveUp), a member or
    // message the rules refuse (Bad).
    return undefined;
  }
}
