// Every command of DESIGN §2, one file each. A command not built yet says so and exits 1.
import type { Command } from 'commander';
import type { CliIo } from '../context.ts';
import { registerCheckEnv } from './check-env.ts';
import { registerDemo } from './demo.ts';
import { registerDeployActions } from './deploy.ts';
import { registerLab } from './lab.ts';
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
  registerDemo(program, ctx);
  registerRun(program, ctx);
  registerDeployActions(program, ctx);
  registerCheckEnv(program, ctx);
  registerPlan(program, ctx);
  registerPreflight(program, ctx);
  registerTlib(program, ctx);
  registerReplay(program, ctx);
  registerLab(program, ctx);
}
