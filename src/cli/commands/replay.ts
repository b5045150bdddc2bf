// `exec-connector replay <file> [--format tlib-log|jsonl] [--dry-run] [--mappings F]` (DESIGN §2): a
// recorded SIP Server stream through the conversation provider's tracker. With --dry-run the Genesys
// Cloud events go to stdout as JSON lines (with the ids EXCP would use), notes and a summary to stderr.
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../core/errors.ts';
import type { DirectorySnapshot } from '../../services/conversation-provider/inputs/directory.ts';
import {
  directoryFromExcs,
  directoryFromFile,
} from '../../services/conversation-provider/replay/mappings-source.ts';
import {
  replayFile,
  sniffFormat,
  type ReplayFormat,
} from '../../services/conversation-provider/replay/replay.ts';
import type { CommandContext } from './index.ts';

interface ReplayOpts {
  format?: string;
  dryRun?: boolean;
  mappings?: string;
  site?: string;
  excs?: string;
}

async function head(file: string): Promise<string> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw new UserError(`replay: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(256), 0, 256, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

function excsUrl(o: ReplayOpts, env: NodeJS.ProcessEnv): string {
  return (
    o.excs ?? env.EXEC_EXCS_URL ?? `http://${env.EXCS_VM_HOST ?? '127.0.0.1'}:${env.EXCS_PORT ?? '3640'}`
  );
}

/** The one switch the mappings name, when there is exactly one (the site of a single-site replay). */
/** The site when the mappings name one switch only. */
function onlySwitch(dir: DirectorySnapshot): string | undefined {
  const set = new Set([...dir.extensionSwitches, ...dir.queueDns.flatMap((n) => dir.switchesOfQueue(n))]);
  return set.size === 1 ? [...set][0] : undefined;
}

export async function runReplay(file: string, o: ReplayOpts, ctx: CommandContext, env = process.env) {
  if (o.format !== undefined && o.format !== 'tlib-log' && o.format !== 'jsonl')
    throw new UserError(`replay: --format must be tlib-log or jsonl (got "${o.format}")`);
  if (!o.dryRun)
    throw new UserError(
      'replay: sending needs a running EXCP pair (its sender keeps each conversation in order and ' +
        'retries); use --dry-run to print the Genesys Cloud events instead',
    );
  const format: ReplayFormat = (o.format as ReplayFormat | undefined) ?? sniffFormat(file, await head(file));
  const dir = o.mappings
    ? await directoryFromFile(o.mappings)
    : await directoryFromExcs(excsUrl(o, env), env.EXEC_API_TOKEN);
  const site = o.site ?? onlySwitch(dir);
  const byReason = new Map<string, number>();
  const counts = await replayFile(
    file,
    { format, dir, site },
    {
      event: (e) =>
        ctx.io.out(
          JSON.stringify({
            type: e.tagged.kind,
            conversationId: e.conversationId,
            callUuid: e.callUuid,
            event: e.tagged.event,
          }),
        ),
      note: (n) => {
        const k = `${n.kind}: ${n.reason}`;
        byReason.set(k, (byReason.get(k) ?? 0) + 1);
        ctx.io.err(`note ${k}: ${n.detail}${n.callUuid ? ` (CallUUID ${n.callUuid})` : ''}`);
      },
      malformed: (line, message) => ctx.io.err(`${file}:${line}: ${message}`),
    },
  );
  const notes = [...byReason].map(([k, n]) => `${n} × ${k}`).join(', ');
  ctx.io.err(
    `replay: ${counts.events} T-Lib events in, ${counts.out} Genesys Cloud events out` +
      `${notes ? `; ${notes}` : ''}${counts.malformed ? `; ${counts.malformed} malformed` : ''}`,
  );
  if (counts.malformed > 0) ctx.setExit(1);
  return counts;
}

export function registerReplay(program: Command, ctx: CommandContext): void {
  program
    .command('replay <file>')
    .description('feed recorded SIP Server T-Lib events through the conversation provider')
    .option('--format <format>', 'tlib-log or jsonl (default: from the file name or its first character)')
    .option('--dry-run', 'print the Genesys Cloud events as JSON lines instead of sending them')
    .option(
      '--mappings <file>',
      "a file holding what EXCS's GET /api/v1/mappings/* answers (default: ask EXCS)",
    )
    .option(
      '--site <switch>',
      "the switch the events come from (default: the mappings' only switch, else the log's server)",
    )
    .option('--excs <url>', 'EXCS base URL (default: EXEC_EXCS_URL, else EXCS_VM_HOST:EXCS_PORT)')
    .action(async (file: string, opts: ReplayOpts) => {
      await runReplay(file, opts, ctx);
    });
}
