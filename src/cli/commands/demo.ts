import type { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('the whole lab and the services on embedded defaults, with live traffic (Ctrl-C stops)')
    .option('--agents <n>', 'agents in the lab contact center', '50')
    .option('--caps <r>', 'calls per second (0: no calls)', '0.5')
    .option('--no-changes', 'keep the Config DB mutator off')
    .option('--open', 'open the console in a browser')
    .action(async (opts: { agents: string; caps: string; changes: boolean; open?: boolean }) => {
      const demo = await runDemo(
        {
          agents: Number(opts.agents),
          caps: Number(opts.caps),
          changes: opts.changes,
          open: opts.open === true,
        },
        ctx.io,
      );
      await untilSignal();
      ctx.io.out('stopping the demo…');
      await demo.stop();
      ctx.io.out('demo stopped');
    });
}
