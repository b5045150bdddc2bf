import type { Command } from 'commander';
import { loadServiceConfig } from '../../core/config/service-config.ts';
import { SERVICES, type ServiceName } from '../../core/config/variables.ts';
import { UserError } from '../../core/errors.ts';
import { SERVICE_MODULES } from '../../services/registry.ts';
import { startService } from '../../services/runtime.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

/** run <svc>: one service in the foreground, configured by its environment (the container entrypoint). */
export function registerRun(program: Command, ctx: CommandContext): void {
  program
    .command('run <service>')
    .description(`run one service in the foreground (${SERVICES.join(', ')})`)
    .option('--env-file <file>', 'read variables from this file too (the environment wins)')
    .option('--pair <n>', 'EXCP pair number', '1')
    .action(async (service: string, opts: { envFile?: string; pair: string }) => {
      if (!(SERVICES as readonly string[]).includes(service)) {
        ctx.io.err(`exec-connector run: unknown service "${service}" (expected ${SERVICES.join(', ')})`);
        ctx.setExit(2);
        return;
      }
      const load = SERVICE_MODULES[service as ServiceName];
      if (!load) throw new UserError(`exec-connector run ${service}: not built yet`);
      const config = loadServiceConfig(service as ServiceName, {
        ...(opts.envFile ? { envFile: opts.envFile } : {}),
        pair: Number(opts.pair),
      });
      const running = await startService(await load(), { config });
      await untilSignal();
      await running.stop();
    });
}
