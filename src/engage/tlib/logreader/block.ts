// One message block being read: its header, then attribute lines, KV-list pairs (nested by
// indentation), free-text notes. finish() turns it into a TMessage, or into the problem that makes it
// malformed (unknown message, a line that is no attribute, a KV-list with fewer pairs than its header
// announces: a block cut off mid-way, a required attribute missing).
import { requiredAttributes } from '../codec/rules.ts';
import { isEventName, isKnownMessage, isRequestName } from '../model/messages.ts';
import type { KVList, TMessage, TValue } from '../model/types.ts';
import type { BlockHeader } from './headers.ts';
import { attributeValue, cut, kvHeaderCount, pairValue, unquote } from './values.ts';

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

  private fail(problem: string): void {
    this.problem ??= problem;
  }

  /** One line inside the block; `start` is where its text begins after the indentation. */
  addLine(text: string, start: number, indent: number, lineNo: number): void {
    const c = text.charCodeAt(start);
    if (c === 65 /* A */ && text.startsWith('Attribute', start)) return this.attribute(text, start, lineNo);
    if (c === 39 /* ' */) return this.pair(text.slice(start).trimEnd(), indent, lineNo);
    if (c === 40 /* ( */) {
      (this.notes ??= []).push(text.slice(start).trimEnd());
      return;
    }
    this.fail(`line ${lineNo}: not an attribute line: "${cut(text.slice(start).trimEnd())}"`);
  }

  private attribute(text: string, start: number, lineNo: number): void {
    this.frames = [];
    let i = start + 9;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 9 || c === 32) break;
      i++;
    }
    const name = text.slice(start, i);
    while (i < n && (text.charCodeAt(i) === 9 || text.charCodeAt(i) === 32)) i++;
    let end = n;
    while (end > i && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    if (i >= end) return this.fail(`line ${lineNo}: ${name} without a value`);
    const value = text.slice(i, end);
    const count = kvHeaderCount(value);
    if (count !== 'not-a-header') {
      const list: KVList = [];
      this.attributes[name] = list;
      this.roots.push({ attribute: name, list, expected: count });
      this.frames.push({ list, openerIndent: -1 });
      return;
    }
    const r = attributeValue(name, value);
    if (r.ok) this.attributes[name] = r.value;
    else this.fail(`line ${lineNo}: ${r.problem}`);
  }

  /** `'key'\t'value'`, `'key'\t115`, `'key'(list)` or `'key'\t(list) 'first'\t1` (a nested list). */
  private pair(text: string, indent: number, lineNo: number): void {
    if (this.frames.length === 0) return this.fail(`line ${lineNo}: key-value pair outside a KV-list`);
    while (this.frames.length > 1 && indent <= (this.frames[this.frames.length - 1] as Frame).openerIndent)
      this.frames.pop();
    const top = this.frames[this.frames.length - 1] as Frame;
    this.addPair(top, text, indent, lineNo);
  }

  private addPair(top: Frame, text: string, indent: number, lineNo: number): void {
    // The key ends at the first quote followed by whitespace, '(' or the end of the line.
    let k = 1;
    const n = text.length;
    for (;;) {
      k = text.indexOf("'", k);
      if (k < 0) return this.fail(`line ${lineNo}: unterminated key in "${cut(text)}"`);
      const next = text.charCodeAt(k + 1);
      if (k + 1 === n || next === 9 || next === 32 || next === 40) break;
      k++;
    }
    const key = text.slice(1, k);
    let i = k + 1;
    while (i < n && (text.charCodeAt(i) === 9 || text.charCodeAt(i) === 32)) i++;
    if (text.startsWith('(list)', i)) {
      const child: KVList = [];
      top.list.push([key, child]);
      const frame = { list: child, openerIndent: indent };
      this.frames.push(frame);
      let j = i + 6;
      while (j < n && (text.charCodeAt(j) === 9 || text.charCodeAt(j) === 32)) j++;
      if (j < n) this.addPair(frame, text.slice(j), indent + 1, lineNo);
      return;
    }
    const raw = text.slice(i);
    if (raw.length === 0) return this.fail(`line ${lineNo}: key '${cut(key)}' without a value`);
    if (raw.charCodeAt(0) === 39 && unquote(raw) === undefined)
      return this.fail(`line ${lineNo}: unterminated value of '${cut(key)}'`);
    top.list.push([key, pairValue(raw)]);
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
