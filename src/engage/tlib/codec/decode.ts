// One JSON-link line → TMessage, validated: bad JSON, an unknown message, a missing ConnID where T-Lib
// requires one, an ill-typed attribute or a line over 1 MiB come back as a TlibDecodeError with the
// position. Never throws.
import type { TMessage } from '../model/types.ts';
import { decodeOnePass } from './decode-one-pass.ts';
import { describePosition, type TlibDecodeError, type TlibDecodeErrorCode } from './errors.ts';
import { isJObject, parseOrderedJson, type JValue } from './json-ordered.ts';
import { applyMember, Bad, finished } from './message-rules.ts';

/** The longest line a link accepts (bytes of UTF-8, without the newline). */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface DecodeContext {
  /** The server the line came from: it names the position in errors and fills `server` when absent. */
  server?: string;
  /** The line number in the stream, for errors. */
  line?: number;
}

export type DecodeResult = { ok: true; message: TMessage } | { ok: false; error: TlibDecodeError };

function build(root: JValue): TMessage {
  if (!isJObject(root)) throw new Bad('not-an-object', 'a line must be one JSON object', undefined, 0);
  const msg: TMessage = { kind: 'event', name: '', attributes: {} };
  let named = 0;
  for (const [k, v] of root.members) if (applyMember(msg, k, v)) named++;
  return finished(msg, named);
}

function fail(
  ctx: DecodeContext,
  code: TlibDecodeErrorCode,
  text: string,
  extra: Partial<TlibDecodeError> = {},
): DecodeResult {
  const error: TlibDecodeError = { code, message: '', ...extra };
  if (ctx.server !== undefined) error.server = ctx.server;
  if (ctx.line !== undefined) error.line = ctx.line;
  const where = describePosition(error);
  error.message = where ? `${where}: ${text}` : text;
  return { ok: false, error };
}

/** A decoded message; one that names no server is the link's (`ctx.server`). */
function decoded(message: TMessage, ctx: DecodeContext): DecodeResult {
  if (message.server === undefined && ctx.server !== undefined) message.server = ctx.server;
  return { ok: true, message };
}

/** Decodes one line (with or without its trailing newline / CR). */
export function decodeJsonLine(line: string, ctx: DecodeContext = {}): DecodeResult {
  return decodeLine(line, ctx, true);
}

/**
 * The same through the tree alone (parse the line, then build the message from it): the reference the
 * one-pass decoder is tested against. It is also what every line the one-pass decoder gives up on goes
 * through, so it alone words the errors.
 */
export function decodeJsonLineViaTree(line: string, ctx: DecodeContext = {}): DecodeResult {
  return decodeLine(line, ctx, false);
}

function decodeLine(line: string, ctx: DecodeContext, onePass: boolean): DecodeResult {
  let text = line;
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  if (end !== text.length) text = text.slice(0, end);
  if (text.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(text, 'utf8') > MAX_LINE_BYTES)
    return fail(
      ctx,
      'line-too-long',
      `line of ${Buffer.byteLength(text, 'utf8')} bytes is over the 1 MiB limit`,
    );
  const direct = onePass ? decodeOnePass(text) : undefined;
  if (direct) return decoded(direct, ctx);
  const parsed = parseOrderedJson(text);
  if (!parsed.ok) return fail(ctx, 'bad-json', `bad JSON: ${parsed.reason}`, { column: parsed.pos });
  try {
    return decoded(build(parsed.value), ctx);
  } catch (e) {
    if (e instanceof Bad) {
      const extra: Partial<TlibDecodeError> = {};
      if (e.attribute !== undefined) extra.attribute = e.attribute;
      if (e.column !== undefined) extra.column = e.column;
      return fail(ctx, e.code, e.text, extra);
    }
    return fail(ctx, 'bad-json', `cannot decode: ${String(e)}`);
  }
}
