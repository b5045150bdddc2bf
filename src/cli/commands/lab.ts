import type { Command } from 'commander';
import type { CommandContext } from './index.ts';
import { registerNotBuilt } from './not-built.ts';

/** `lab cloud` and `lab engage <configdb|sip|stat>`: one lab component on its own (DESIGN §6). */
export function registerLab(program: Command, ctx: CommandContext): void {
  const lab = program.command('lab').description('run one lab component on its own');
  registerNotBuilt(lab, ctx, 'cloud', 'the Genesys Cloud API emulator');
  const engage = lab.command('engage').description('Engage simulators');
  registerNotBuilt(engage, ctx, 'configdb', 'create and fill the lab Config DB');
  registerNotBuilt(engage, ctx, 'sip', 'the SIP Server simulator');
  registerNotBuilt(engage, ctx, 'stat', 'the Stat Server simulator');
}
