// `exec-connector tlib convert <logfile>`: the T-Lib messages of a SIP Server (or client-side) log as
// JSON-link lines on stdout (DESIGN §6), one line per malformed block on stderr with its line number,
// exit 1 if there was any. The file is streamed: a 200 MB log is never one string.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../core/errors.ts';
import { encodeJsonLine } from '../../engage/tlib/codec/encode.ts';
import { TlibLogReader } from '../../engage/tlib/logreader/reader.ts';
import { terminalSafe } from '../../core/terminal-text.ts';
import type { CommandContext } from './index.ts';

/** Lines are written in batches of about this many characters: one write per line is slow. */
const BATCH_CHARS = 64 * 1024;
/** Chunks this small stay in the young generation: a 200 MB file is read in little memory. */
const CHUNK_BYTES = 64 * 1024;

export async function convertTlibLog(
  file: string,
  ctx: CommandContext,
  opts: { server?: string } = {},
): Promise<{ messages: number; errors: number }> {
  try {
    if (!statSync(file).isFile()) throw new UserError(`tlib convert: ${file} is not a file`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(
      `tlib convert: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const source = basename(file);
  let batch = '';
  const reader = new TlibLogReader(
    {
      message: (m) => {
        // Values come from the log: DEL, C1 codes and bidi overrides, which JSON leaves raw, are escaped.
        const line = terminalSafe(encodeJsonLine(m));
        batch += batch.length ? '\n' + line : line;
        if (batch.length >= BATCH_CHARS) {
          ctx.io.out(batch);
          batch = '';
        }
      },
      error: (e) => ctx.io.err(terminalSafe(`${file}:${e.line}: ${e.message}`)),
    },
    opts.server !== undefined ? { source, server: opts.server } : { source },
  );
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream) reader.push(chunk as Buffer);
  } catch (err) {
    throw new UserError(`tlib convert: reading ${file} failed: ${(err as Error).message}`);
  }
  reader.end();
  if (batch.length) ctx.io.out(batch);
  if (reader.errors > 0) ctx.setExit(1);
  return { messages: reader.messages, errors: reader.errors };
}

export function registerTlibConvert(tlib: Command, ctx: CommandContext): void {
  tlib
    .command('convert <logfile>')
    .description('print the T-Lib messages of a SIP Server (or client-side) log as JSON-link lines')
    .option('--server <name>', "the server name to put on each message (default: the log header's)")
    .action(async (logfile: string, opts: { server?: string }) => {
      await convertTlibLog(logfile, ctx, opts);
    });
}
