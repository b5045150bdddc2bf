import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { formatProblem, loadEnv } from '../../core/config/load.ts';
import { summarizeDeployment } from '../../core/config/summary.ts';
import { validateDeployment } from '../../core/config/validate.ts';
import { createRedactor } from '../../core/redact.ts';
import type { CommandContext } from './index.ts';

/** check-env: one line per problem (variable first), exit 1; or a summary of the deployment, exit 0. */
export function registerCheckEnv(program: Command, ctx: CommandContext): void {
  program
    .command('check-env')
    .description('validate a deployment .env: every missing or malformed parameter, one per line')
    .option('--env-file <file>', 'the .env file (default: ./.env when present, else the environment)')
    .action((opts: { envFile?: string }) => {
      const envFile = opts.envFile ?? (existsSync('.env') ? '.env' : undefined);
      const loaded = loadEnv(envFile ? { envFile } : { env: process.env });
      const v = validateDeployment(loaded.values);
      const redact = createRedactor(loaded.secrets);
      const problems = [...loaded.problems, ...v.problems];
      for (const w of loaded.warnings) ctx.io.err(`warning: ${redact(formatProblem(w))}`);
      if (problems.length) {
        for (const p of problems) ctx.io.err(redact(formatProblem(p)));
        ctx.io.err(
          `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${envFile ?? 'the environment'}`,
        );
        ctx.setExit(1);
        return;
      }
      for (const line of summarizeDeployment(v.parsed, loaded.values)) ctx.io.out(redact(line));
    });
}
