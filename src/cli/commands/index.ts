// Every command of DESIGN §2, one file each. A command not built yet says so and exits 1. `demo` and
// `lab` load on use: a service never imports the lab.
import type { Command } from 'commander';
import type { CliIo } from '../context.ts';
import { registerCheckEnv } from './check-env.ts';
import { registerDeployActions } from './deploy.ts';
import { registerLazy } from './lazy.ts';
import { registerNginxConfig } from './nginx-config.ts';
import { registerPlan } from './plan.ts';
import { registerPreflight } from './preflight.ts';
import { registerReplay } from './replay.ts';
import { registerRun } from './run.ts';
import { registerTlib } from './tlib.ts';

export interface CommandContext {
  io: CliIo;
  setExit(code: number): void;
}

export function registerCommands(program: Command, ctx: CommandContext): void {
  registerLazy(
    program,
    ctx,
    'demo',
    'the whole lab and the services on embedded defaults, with live traffic (Ctrl-C stops)',
    async () => (await import('./demo.ts')).registerDemo,
  );
  registerRun(program, ctx);
  registerDeployActions(program, ctx);
  registerCheckEnv(program, ctx);
  registerNginxConfig(program, ctx);
  registerPlan(program, ctx);
  registerPreflight(program, ctx);
  registerTlib(program, ctx);
  registerReplay(program, ctx);
  registerLazy(
    program,
    ctx,
    'lab',
    'run one lab component on its own',
    async () => (await import('./lab.ts')).registerLab,
  );
}
