import type { Command } from 'commander';
import type { CommandContext } from './index.ts';
import { registerNotBuilt } from './not-built.ts';

export function registerTlib(program: Command, ctx: CommandContext): void {
  const tlib = program.command('tlib').description('T-Lib tools');
  registerNotBuilt(
    tlib,
    ctx,
    'convert <logfile>',
    'print the T-Lib messages of a SIP Server log as JSON-link lines',
  );
}
