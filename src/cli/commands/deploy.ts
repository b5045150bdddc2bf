// The seeds' bootstrap actions (seed 003, "Deploying", "Maintenance") as commands of their own:
// `exec-connector <action> [--service S] [--pair N] [--host N] [--env-file F]` in place of
// `./bootstrap.py --action <action> ...`. The VMs are reached with the system ssh as `genesys`.
import type { ReadStream } from 'node:tty';
import type { Command } from 'commander';
import { ACTIONS, runDeployAction, type Action } from '../../deploy/actions.ts';
import { promptHidden } from '../../deploy/prompt.ts';
import { withSshRemote } from '../../deploy/remote.ts';
import { SelectionUsageError } from '../../deploy/selection.ts';
import type { CommandContext } from './index.ts';

const DESCRIPTIONS: Record<Action, string> = {
  init: 'initialize the EXEC environment: prompt for the passwords, copy .env and the compose files to each VM',
  start: 'start EXEC services (EXCS first; the others once its sync reports Success)',
  stop: 'stop EXEC services',
  restart: 'restart EXEC services (stop, then start in order)',
  update: 'upgrade/downgrade EXEC services: back up and replace the .env and compose files that differ',
  rollback: 'roll EXEC services back to the latest backup made by update',
};

export const DEPLOY_USER = 'genesys';

interface DeployOpts {
  service?: string;
  pair?: string;
  host?: string;
  envFile?: string;
  sshConfig?: string;
  connectTimeout: string;
  waitTimeout: string;
  statusPoll: string;
}

function seconds(cmd: Command, flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) cmd.error(`${flag} must be a positive number of seconds (got "${v}")`);
  return n;
}

export function registerDeployActions(program: Command, ctx: CommandContext): void {
  for (const action of ACTIONS) {
    const cmd = program
      .command(action)
      .description(DESCRIPTIONS[action])
      .option('--service <service>', 'excs, exas, excp or exrp (default: every service)')
      .option('--pair <n>', 'EXCP pair number (with --service excp)')
      .option('--host <n>', 'host of the EXCP pair, or of EXRP_VM_HOST_LIST (1-based)')
      .option('--env-file <file>', 'deployment .env file', '.env')
      .option('--ssh-config <file>', 'ssh_config for reaching the VMs (ports, keys, jump hosts)')
      .option('--connect-timeout <s>', 'SSH connect timeout per VM', '10')
      .option('--wait-timeout <s>', 'how long start waits for EXCS to report Success', '3600')
      .option('--status-poll <s>', 'how often start asks EXCS for its /status', '10');
    cmd.action(async (o: DeployOpts) => {
      const stdin = process.stdin as ReadStream;
      try {
        const ssh = {
          user: DEPLOY_USER,
          config: o.sshConfig,
          connectTimeoutSeconds: Math.ceil(seconds(cmd, '--connect-timeout', o.connectTimeout)),
        };
        await withSshRemote(ssh, (remote) =>
          runDeployAction(
            {
              action,
              envFile: o.envFile ?? '.env',
              selection: { service: o.service, pair: o.pair, host: o.host },
            },
            {
              remote,
              io: ctx.io,
              env: process.env,
              prompt: stdin.isTTY ? (label) => promptHidden(label, stdin) : undefined,
              statusPollMs: seconds(cmd, '--status-poll', o.statusPoll) * 1000,
              statusTimeoutMs: seconds(cmd, '--wait-timeout', o.waitTimeout) * 1000,
              user: DEPLOY_USER,
            },
          ),
        );
      } catch (err) {
        if (err instanceof SelectionUsageError) cmd.error(`exec-connector ${action}: ${err.message}`);
        throw err;
      }
    });
  }
}
