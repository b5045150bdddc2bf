// A line decoded in one pass, straight into the message: no tree of the line is built first. The tree
// (json-ordered.ts) costs half of what an EXCP instance allocates, and V8 tenures it (its lists of
// members show up in the old generation, and with them the socket chunks their strings are cut from),
// so every few seconds a major GC stalls the process. This path only ever decodes a line that is
// well-formed and fits the model: at the first thing it does not like (a syntax error, a value that
// does not fit, a missing name or attribute) it gives up and `decodeJsonLine` decodes the line through
// the tree, which reports the error exactly as before. What it accepts it decodes as the tree path
// does, member by member with the same checks (`attribute-fit.ts`); the differential property test
// (codec.property.test.ts) holds the two to the same answer for any line.
import { acceptsKvList } from '../model/attributes.ts';
import { isEventName, isRequestName } from '../model/messages.ts';
import type { KVList, KVValue, TMessage, TValue } from '../model/types.ts';
import { ATTRIBUTE_NAME, misfit } from './attribute-fit.ts';
import { MAX_DEPTH, Parser } from './json-ordered.ts';
import { requiredAttributes } from './rules.ts';

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

/** An attribute's value, read and checked as build() checks it. */
function attribute(p: Parser, t: string, name: string): TValue {
  if (t.charCodeAt(p.pos) === OBJECT) {
    if (!acceptsKvList(name)) throw giveUp;
    return kvList(p, t, 1);
  }
  const v = p.value(1);
  if (misfit(name, v) !== undefined || (typeof v !== 'string' && typeof v !== 'number')) throw giveUp;
  return v;
}

/** One member of the line's object, applied to `msg` as build() applies it; false when it names it. */
function member(p: Parser, t: string, msg: TMessage, k: string): boolean {
  if (k === 'message' || k === 'request') {
    if (t.charCodeAt(p.pos) !== QUOTE) throw giveUp;
    const v = p.str();
    if (!(k === 'message' ? isEventName(v) : isRequestName(v))) throw giveUp;
    msg.kind = k === 'message' ? 'event' : 'request';
    msg.name = v;
    return true;
  }
  if (ATTRIBUTE_NAME.test(k)) msg.attributes[k] = attribute(p, t, k);
  else if (k === 'server' || k === 'source' || k === 'logTime') {
    if (t.charCodeAt(p.pos) !== QUOTE) throw giveUp;
    msg[k] = p.str();
  } else {
    const v = p.value(1);
    if (k === 'line') {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw giveUp;
      msg.line = v;
    } else if (k === 'reconstructed') {
      if (typeof v !== 'boolean') throw giveUp;
      msg.reconstructed = v;
    } else if (k === 'notes') {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw giveUp;
      msg.notes = v as string[];
    }
    // Other keys are ignored, as build() ignores them.
  }
  return false;
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
    if (p.pos < t.length || named !== 1) return undefined;
    for (const a of requiredAttributes(msg.name)) if (msg.attributes[a] === undefined) return undefined;
    return msg;
  } catch {
    // A syntax error (the parser's Fail) or a value build() would refuse (GiveUp).
    return undefined;
  }
}
