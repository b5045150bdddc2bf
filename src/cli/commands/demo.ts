import { Option, type Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import { runDemo } from '../../demo/run-demo.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

const DemoFlags = z.object({
  agents: z.coerce.number().int().min(1).max(5000),
  caps: z.coerce.number().min(0).max(50),
  statusEvery: z.coerce.number().int().min(0).max(3600),
});

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('the whole lab and the services on embedded defaults, with live traffic (Ctrl-C stops)')
    .option('--agents <n>', 'agents in the lab contact center (1-5000)', '50')
    .option('--caps <r>', 'calls per second (0: no calls)', '0.5')
    .option('--no-changes', 'keep the Config DB mutator off')
    .option('--open', 'open the console in a browser')
    .option(
      '--recordings',
      'the recording path (WebDAV, EXRP pair, MCP simulator; the default: EXRP on redis-server if on the PATH, else an in-memory queue)',
    )
    .option('--no-recordings', 'leave the recording path out')
    .option('--status-every <s>', 'a status line per service every s seconds (0: none)', '10')
    .addOption(new Option('--free-ports', 'every component on a free port (tests)').hideHelp())
    .action(
      async (opts: {
        agents: string;
        caps: string;
        changes: boolean;
        open?: boolean;
        recordings?: boolean;
        statusEvery: string;
        freePorts?: boolean;
      }) => {
        const flags = DemoFlags.safeParse(opts);
        if (!flags.success)
          throw new UserError(
            flags.error.issues
              .map(
                (i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
              )
              .join('; '),
          );
        const demo = await runDemo(
          {
            agents: flags.data.agents,
            caps: flags.data.caps,
            changes: opts.changes,
            open: opts.open === true,
            ...(opts.recordings === undefined ? {} : { recordings: opts.recordings }),
            freePorts: opts.freePorts === true,
          },
          ctx.io,
          { statusEverySeconds: flags.data.statusEvery },
        );
        await untilSignal();
        ctx.io.out('stopping the demo…');
        await demo.stop();
        ctx.io.out('demo stopped');
      },
    );
}
