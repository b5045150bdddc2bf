// One message block being read: its header, then attribute lines, KV-list pairs (nested by
// indentation), free-text notes. finish() turns it into a TMessage, or into the problem that makes it
// malformed (unknown message, a line that is no attribute, a KV-list with fewer pairs than its header
// announces: a block cut off mid-way, a required attribute missing).
import { MAX_DEPTH } from '../codec/json-ordered.ts';
import { requiredAttributes } from '../codec/rules.ts';
import { acceptsKvList } from '../model/attributes.ts';
import { isEventName, isKnownMessage, isRequestName } from '../model/messages.ts';
import type { KVList, TMessage, TValue } from '../model/types.ts';
import type { BlockHeader } from './headers.ts';
import { attributeValue, BadValue, cut, kvHeaderCount, pairValue, unterminatedQuote } from './values.ts';

interface Frame {
  list: KVList;
  /** Pairs of a nested list are indented deeper than the pair that opened it. */
  openerIndent: number;
}

interface RootList {
  attribute: string;
  list: KVList;
  expected: number | undefined;
}

export type BlockOutcome = { ok: true; message: TMessage } | { ok: false; line: number; problem: string };

/**
 * KV-lists nest at most this deep (real user data nests a few levels). Deeper makes the block malformed,
 * at its line: the encoder and every consumer after the reader recurse into lists. Bounded by what a
 * JSON link line can carry, so that every message read can be sent on: an attribute's list at level n
 * sits at depth n of the line and its values at n + 1 (a reader that allowed 64 levels produced
 * messages the codec refused, found by the fuzz test).
 */
export const MAX_KV_DEPTH = MAX_DEPTH - 1;

/** Request attributes that belong to the request, not to the event it asks the server to distribute. */
const REQUEST_ONLY = new Set(['AttributeUserEvent', 'AttributeTimeout']);

export class Block {
  private readonly attributes: Record<string, TValue> = {};
  private notes: string[] | undefined;
  private problem: string | undefined;
  private frames: Frame[] = [];
  private roots: RootList[] = [];

  constructor(
    readonly header: BlockHeader,
    readonly line: number,
  ) {}

  get inKvList(): boolean {
    return this.frames.length > 0;
  }

  fail(problem: string): void {
    this.problem ??= problem;
  }

  /**
   * One line inside the block: t[s, e) is its text after the indentation (t is the chunk's text, so
   * that no string is made for the line itself).
   */
  addLine(t: string, s: number, e: number, indent: number, lineNo: number): void {
    while (e > s && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
    const c = t.charCodeAt(s);
    if (c === 65 /* A */ && t.startsWith('Attribute', s)) return this.attribute(t, s, e, lineNo);
    if (c === 39 /* ' */) return this.pair(t, s, e, indent, lineNo);
    if (c === 40 /* ( */) {
      (this.notes ??= []).push(t.slice(s, e));
      return;
    }
    this.fail(`line ${lineNo}: not an attribute line: "${cut(t, s, e)}"`);
  }

  private attribute(t: string, s: number, e: number, lineNo: number): void {
    this.frames = [];
    let i = s + 9;
    while (i < e) {
      const c = t.charCodeAt(i);
      if (c === 9 || c === 32) break;
      i++;
    }
    const name = t.slice(s, i);
    while (i < e && (t.charCodeAt(i) === 9 || t.charCodeAt(i) === 32)) i++;
    if (i >= e) return this.fail(`line ${lineNo}: ${name} without a value`);
    if (t.charCodeAt(i) === 91 /* [ */) {
      const count = kvHeaderCount(t.slice(i, e));
      if (count !== 'not-a-header') {
        // Only where the codec takes a KV-list: a ConnID printed as one must not be given out as one.
        if (!acceptsKvList(name)) return this.fail(`line ${lineNo}: ${name} holds no KV-list`);
        const list: KVList = [];
        this.attributes[name] = list;
        this.roots.push({ attribute: name, list, expected: count });
        this.frames.push({ list, openerIndent: -1 });
        return;
      }
    }
    const v = attributeValue(name, t, i, e);
    if (v instanceof BadValue) this.fail(`line ${lineNo}: ${v.problem}`);
    else this.attributes[name] = v;
  }

  /** `'key'\t'value'`, `'key'\t115`, `'key'(list)` or `'key'\t(list) 'first'\t1` (a nested list). */
  private pair(t: string, s: number, e: number, indent: number, lineNo: number): void {
    if (this.frames.length === 0) return this.fail(`line ${lineNo}: key-value pair outside a KV-list`);
    while (this.frames.length > 1 && indent <= (this.frames[this.frames.length - 1] as Frame).openerIndent)
      this.frames.pop();
    this.addPair(this.frames[this.frames.length - 1] as Frame, t, s, e, indent, lineNo);
  }

  /** Pairs on one line, each `(list)` opening the next: a loop, so a hostile line cannot exhaust the stack. */
  private addPair(top: Frame, t: string, s: number, e: number, indent: number, lineNo: number): void {
    for (let frame = top, at = s, depth = indent; ;) {
      // The key ends at the first quote followed by whitespace, '(' or the end of the line.
      // (A bounded loop, not indexOf: indexOf would search on past the line through the whole chunk.)
      let k = at + 1;
      for (; k < e; k++) {
        if (t.charCodeAt(k) !== 39) continue;
        const next = t.charCodeAt(k + 1);
        if (k + 1 === e || next === 9 || next === 32 || next === 40) break;
      }
      if (k >= e) return this.fail(`line ${lineNo}: unterminated key in "${cut(t, at, e)}"`);
      const key = t.slice(at + 1, k);
      let i = k + 1;
      while (i < e && (t.charCodeAt(i) === 9 || t.charCodeAt(i) === 32)) i++;
      if (!t.startsWith('(list)', i)) {
        if (i >= e) return this.fail(`line ${lineNo}: key '${cut(key)}' without a value`);
        if (unterminatedQuote(t, i, e))
          return this.fail(`line ${lineNo}: unterminated value of '${cut(key)}'`);
        frame.list.push([key, pairValue(t, i, e)]);
        return;
      }
      if (this.frames.length >= MAX_KV_DEPTH) {
        this.frames = [];
        return this.fail(`line ${lineNo}: KV-list nested deeper than ${MAX_KV_DEPTH} levels`);
      }
      const child: KVList = [];
      frame.list.push([key, child]);
      frame = { list: child, openerIndent: depth };
      this.frames.push(frame);
      let j = i + 6;
      while (j < e && (t.charCodeAt(j) === 9 || t.charCodeAt(j) === 32)) j++;
      if (j >= e) return;
      at = j;
      depth++;
    }
  }

  private bad(problem: string): BlockOutcome {
    return { ok: false, line: this.line, problem: `${this.header.name}: ${problem}` };
  }

  finish(meta: { source?: string; server?: string }): BlockOutcome {
    const h = this.header;
    if (!isKnownMessage(h.name))
      return { ok: false, line: this.line, problem: `unknown T-Lib message ${h.name}` };
    if (this.problem) return this.bad(this.problem);
    for (const r of this.roots)
      if (r.expected !== undefined && r.list.length < r.expected)
        return this.bad(
          `cut off: ${r.attribute} has ${r.list.length} of the ${r.expected} pairs its header announces`,
        );
    let name = h.name;
    let attributes = this.attributes;
    // A routing server asks the server to distribute EventQueued/Diverted/Abandoned on a VQ: the event
    // the server then sends is rebuilt from the request.
    const userEvent = attributes.AttributeUserEvent;
    if (
      h.clientSide &&
      name === 'RequestDistributeEvent' &&
      typeof userEvent === 'string' &&
      isEventName(userEvent)
    ) {
      name = userEvent;
      attributes = {};
      for (const k in this.attributes) if (!REQUEST_ONLY.has(k)) attributes[k] = this.attributes[k] as TValue;
    }
    for (const a of requiredAttributes(name))
      if (attributes[a] === undefined) return this.bad(`no ${a} (block cut off?)`);
    const message: TMessage = {
      kind: isRequestName(name) ? 'request' : 'event',
      name,
      attributes,
    };
    const server = h.server ?? meta.server;
    if (server !== undefined) message.server = server;
    if (meta.source !== undefined) message.source = meta.source;
    message.line = this.line;
    if (h.logTime !== undefined) message.logTime = h.logTime;
    if (h.clientSide) message.reconstructed = true;
    if (this.notes) message.notes = this.notes;
    return { ok: true, message };
  }
}
