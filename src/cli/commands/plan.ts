import type { Command } from 'commander';
import { offlinePlan } from '../../services/config-sync/offline.ts';
import { countOps, describeOp, formatPlan } from '../../services/config-sync/planner/summary.ts';
import { terminalSafe } from '../../core/terminal-text.ts';
import type { CommandContext } from './index.ts';

/** plan: what config sync would create, change or deactivate in the EX Org (like a terraform plan). */
export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description('what config sync would create, change or deactivate in the EX Org, without doing it')
    .option('--env-file <file>', 'read EXCS_*/EXEC_* variables from this file too')
    .option('--database-url <url>', 'the Config DB as a PostgreSQL URL instead of EXCS_CONFIG_DB_*')
    .option('--no-store', 'ignore the mapping store (plan as for a first sync; no Redis needed)')
    .option('--limit <n>', 'operations listed one by one (the counts cover all)', '200')
    .option('--json', 'print the plan as JSON')
    .option(
      '--confirm',
      'confirm this plan past the mass-deactivation guard: EXCS applies it at its next pass',
    )
    .action(
      async (o: {
        envFile?: string;
        databaseUrl?: string;
        store: boolean;
        limit: string;
        json?: boolean;
        confirm?: boolean;
      }) => {
        const { plan, held, confirmed } = await offlinePlan({
          ...(o.envFile ? { envFile: o.envFile } : {}),
          ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
          noStore: !o.store,
          ...(o.confirm ? { confirm: true } : {}),
        });
        if (o.json) {
          ctx.io.out(
            terminalSafe(
              JSON.stringify({
                counts: countOps(plan),
                operations: plan.ops.map((op) => ({ op: op.op, description: describeOp(op) })),
                tombstones: plan.tombstones,
                notes: plan.notes,
                ...(held ? { held } : {}),
                ...(confirmed ? { confirmed } : {}),
              }),
            ),
          );
          return;
        }
        // Names come from the Config DB: a name with control characters must not drive the terminal.
        for (const line of formatPlan(plan, { limit: Number(o.limit) || 200, held }))
          ctx.io.out(terminalSafe(line));
        if (confirmed) ctx.io.out(`Plan ${confirmed} confirmed: EXCS applies it at its next pass.`);
        else if (o.confirm) ctx.io.out('Nothing to confirm: the guard does not hold this plan.');
      },
    );
}
