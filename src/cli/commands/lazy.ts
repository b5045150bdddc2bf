import type { Command } from 'commander';
import { newProgram } from '../program.ts';
import type { CommandContext } from './index.ts';

export type Register = (program: Command, ctx: CommandContext) => void;

/**
 * Registers a command whose definition (and everything it imports) loads only when it runs, so the
 * lab, the demo and PGlite stay out of a service's import graph (`npm ci --omit=dev` images, start-up
 * time). The stand-in takes every argument; the real command parses them, `--help` included.
 */
export function registerLazy(
  program: Command,
  ctx: CommandContext,
  name: string,
  description: string,
  load: () => Promise<Register>,
): void {
  program
    .command(name)
    .description(description)
    .usage('[options] (see --help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_opts: unknown, cmd: Command) => {
      const real = newProgram(ctx.io);
      (await load())(real, ctx);
      await real.parseAsync([name, ...cmd.args], { from: 'user' });
    });
}
