import type { Command } from 'commander';
import { offlinePreflight } from '../../services/config-sync/offline.ts';
import { terminalSafe } from '../../core/terminal-text.ts';
import type { CommandContext } from './index.ts';

/** preflight: the Engage-side problems to fix before the first sync; exit 1 when any is an error. */
export function registerPreflight(program: Command, ctx: CommandContext): void {
  program
    .command('preflight')
    .description('the Engage-side problems to fix before the first sync (exit 1 when there are errors)')
    .option('--env-file <file>', 'read EXCS_*/EXEC_* variables from this file too')
    .option('--database-url <url>', 'the Config DB as a PostgreSQL URL instead of EXCS_CONFIG_DB_*')
    .option('--json', 'print the findings as JSON')
    .action(async (o: { envFile?: string; databaseUrl?: string; json?: boolean }) => {
      const { findings, text } = await offlinePreflight({
        ...(o.envFile ? { envFile: o.envFile } : {}),
        ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
      });
      if (o.json) ctx.io.out(terminalSafe(JSON.stringify({ findings })));
      else for (const line of text) ctx.io.out(terminalSafe(line));
      if (findings.some((f) => f.severity === 'error')) ctx.setExit(1);
    });
}
