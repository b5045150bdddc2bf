import type { Command } from 'commander';
import type { CommandContext } from './index.ts';
import { registerNotBuilt } from './not-built.ts';

const ACTIONS: [string, string][] = [
  ['init', 'prepare the deployment: prompt for passwords, write .env and the compose files to each VM'],
  ['start', 'start EXEC services'],
  ['stop', 'stop EXEC services'],
  ['restart', 'restart EXEC services'],
  ['update', 'upgrade or downgrade EXEC services'],
  ['rollback', 'roll an EXEC service back'],
];

/** The seeds' bootstrap actions (seed 003, "Deploying", "Maintenance"). */
export function registerDeployActions(program: Command, ctx: CommandContext): void {
  for (const [name, description] of ACTIONS) {
    registerNotBuilt(program, ctx, name, description, (c) =>
      c
        .option('--service <service>', 'excs, exas, excp or exrp')
        .option('--pair <n>', 'EXCP pair number')
        .option('--host <n>', 'host of the pair')
        .option('--env-file <file>', 'deployment .env file'),
    );
  }
}
