// `exec-connector replay <file> [--format tlib-log|jsonl] [--dry-run] [--mappings F]` (DESIGN §2): a
// recorded SIP Server stream through the conversation provider's tracker. With --dry-run the Genesys
// Cloud events go to stdout as JSON lines (with the ids EXCP would use), notes and a summary to stderr.
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import type { OutEvent } from '../../services/conversation-provider/core/api.ts';
import type { DirectorySnapshot } from '../../services/conversation-provider/inputs/directory.ts';
import { sendReplayed } from '../../services/conversation-provider/replay/replay-send.ts';
import {
  openServiceCloud,
  overridesComplete,
  serviceCloudSettings,
  type SettingsSection,
} from '../../services/shared/cloud-setup.ts';
import { ExcsClient } from '../../services/shared/excs-client.ts';
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
function onlySwitch(dir: DirectorySnapshot): string | undefined {
  const set = new Set([...dir.extensionSwitches, ...dir.queueDns.flatMap((n) => dir.switchesOfQueue(n))]);
  return set.size === 1 ? [...set][0] : undefined;
}

/** Genesys Cloud as EXCP reaches it: EXEC_GC_* first, else the settings EXCS serves. */
async function send(events: OutEvent[], o: ReplayOpts, ctx: CommandContext, env: NodeJS.ProcessEnv) {
  const gc = {
    ...(env.EXEC_GC_API_URL ? { apiUrl: env.EXEC_GC_API_URL } : {}),
    ...(env.EXEC_GC_AUTH_URL ? { authUrl: env.EXEC_GC_AUTH_URL } : {}),
    ...(env.EXEC_GC_CLIENT_ID ? { clientId: env.EXEC_GC_CLIENT_ID } : {}),
    ...(env.EXEC_GC_CLIENT_SECRET ? { clientSecret: env.EXEC_GC_CLIENT_SECRET } : {}),
  };
  let general: SettingsSection = {};
  let own: SettingsSection = {};
  if (!overridesComplete(gc)) {
    const excs = new ExcsClient({ baseUrl: excsUrl(o, env), apiToken: env.EXEC_API_TOKEN });
    try {
      [general, own] = await Promise.all([excs.settings('general'), excs.settings('conversation_provider')]);
    } catch (err) {
      throw new UserError(
        `replay: ${(err as Error).message} (set EXEC_GC_API_URL, EXEC_GC_CLIENT_ID and EXEC_GC_CLIENT_SECRET ` +
          'to send without EXCS)',
      );
    }
  }
  const logger = await createLogger({
    service: 'replay',
    settings: { consoleLevel: 'WARN' },
    destination: { write: (line: string) => void ctx.io.err(line.trimEnd()) },
  });
  const cloud = openServiceCloud(serviceCloudSettings(general, own, gc), { logger });
  try {
    return await sendReplayed(events, { cloud, logger });
  } finally {
    await cloud.close();
  }
}

export async function runReplay(file: string, o: ReplayOpts, ctx: CommandContext, env = process.env) {
  if (o.format !== undefined && o.format !== 'tlib-log' && o.format !== 'jsonl')
    throw new UserError(`replay: --format must be tlib-log or jsonl (got "${o.format}")`);
  const format: ReplayFormat = (o.format as ReplayFormat | undefined) ?? sniffFormat(file, await head(file));
  const dir = o.mappings
    ? await directoryFromFile(o.mappings)
    : await directoryFromExcs(excsUrl(o, env), env.EXEC_API_TOKEN);
  const site = o.site ?? onlySwitch(dir);
  const byReason = new Map<string, number>();
  const toSend: OutEvent[] = [];
  const counts = await replayFile(
    file,
    { format, dir, site },
    {
      event: (e) => {
        if (!o.dryRun) toSend.push(e);
        else
          ctx.io.out(
            JSON.stringify({
              type: e.tagged.kind,
              conversationId: e.conversationId,
              callUuid: e.callUuid,
              event: e.tagged.event,
            }),
          );
      },
      note: (n) => {
        const k = `${n.kind}: ${n.reason}`;
        byReason.set(k, (byReason.get(k) ?? 0) + 1);
        ctx.io.err(`note ${k}: ${n.detail}${n.callUuid ? ` (CallUUID ${n.callUuid})` : ''}`);
      },
      malformed: (line, message) => ctx.io.err(`${file}:${line}: ${message}`),
    },
  );
  if (!o.dryRun) {
    const sent = await send(toSend, o, ctx, env);
    ctx.io.err(
      `replay: sent ${toSend.length} events in ${sent.requests} requests: ${sent.accepted} accepted, ` +
        `${sent.rejected} rejected (logged)`,
    );
    if (sent.rejected > 0) ctx.setExit(1);
  }
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
    .option(
      '--dry-run',
      'print the Genesys Cloud events as JSON lines instead of sending them (sending: EXEC_GC_* or EXCS settings)',
    )
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
