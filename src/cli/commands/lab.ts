import type { Command } from 'commander';
import type { CommandContext } from './index.ts';
import { registerLabCloud } from './lab-cloud.ts';
import { registerLabMcp } from './lab-mcp.ts';
import { registerLabSip } from './lab-sip.ts';
import { registerLabStat } from './lab-stat.ts';
import { registerLabRws } from './lab-rws.ts';
import { registerLabConfigDb } from './lab-configdb.ts';
import { registerLabWebdav } from './lab-webdav.ts';

/** `lab cloud`, `lab webdav`, `lab mcp` and `lab engage <configdb|sip|stat|rws>`: one lab component on its own (DESIGN §6). */
export function registerLab(program: Command, ctx: CommandContext): void {
  const lab = program.command('lab').description('run one lab component on its own');
  registerLabCloud(lab, ctx);
  registerLabWebdav(lab, ctx);
  registerLabMcp(lab, ctx);
  const engage = lab.command('engage').description('Engage simulators');
  registerLabConfigDb(engage, ctx);
  registerLabSip(engage, ctx);
  registerLabStat(engage, ctx);
  registerLabRws(engage, ctx);
}
