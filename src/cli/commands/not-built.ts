import type { Command } from 'commander';
import type { CommandContext } from './index.ts';

/** Registers a command of DESIGN §2 that is not built yet: it says so and exits 1. */
export function registerNotBuilt(
  program: Command,
  ctx: CommandContext,
  spec: string,
  description: string,
  configure: (c: Command) => Command = (c) => c,
): Command {
  const name = spec.split(' ')[0] as string;
  const cmd = configure(
    program.command(spec).description(`${description} (not built yet)`).allowUnknownOption(),
  );
  cmd.action(() => {
    ctx.io.err(`exec-connector ${name}: not built yet`);
    ctx.setExit(1);
  });
  return cmd;
}
