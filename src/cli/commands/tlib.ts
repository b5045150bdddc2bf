import type { Command } from 'commander';
import type { CommandContext } from './index.ts';
import { registerTlibConvert } from './tlib-convert.ts';

export function registerTlib(program: Command, ctx: CommandContext): void {
  const tlib = program.command('tlib').description('T-Lib tools');
  registerTlibConvert(tlib, ctx);
}
