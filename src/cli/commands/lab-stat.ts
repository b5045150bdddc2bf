// `exec-connector lab engage stat`: the Stat Server simulator (primary, backup, admin HTTP) on its own,
// until Ctrl-C (DESIGN §6).
import { InvalidArgumentError, type Command } from 'commander';
import { errorMessage, UserError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { sipAgents } from '../../lab/engage/stat-server/sip-agents.ts';
import { startStatServerSimulator } from '../../lab/engage/stat-server/simulator.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port number (expected 0-65535)`);
  return n;
}

function rate(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`"${v}" is not a rate (expected changes per second, 0 or more)`);
  return n;
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${v}" is not a number of agents`);
  return n;
}

/** `--agents 100` makes employee ids 1000…1099; `--agents a,b,c` names them. */
function agents(v: string): string[] {
  if (/^\d+$/.test(v)) return Array.from({ length: Number(v) }, (_, i) => String(1000 + i));
  const ids = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!ids.length) throw new InvalidArgumentError(`"${v}" is not a count or a list of employee ids`);
  return ids;
}

interface LabStatOptions {
  port: number;
  backupPort: number;
  adminPort: number;
  host: string;
  agents?: string[];
  rate: number;
  reasonKey: string;
  strict?: boolean;
  sip?: string;
  sipAgents: number;
  configdbUrl?: string;
}

export function registerLabStat(engage: Command, ctx: CommandContext): void {
  engage
    .command('stat')
    .description('the Stat Server simulator: JSON link as primary and backup, admin HTTP API')
    .option('--port <port>', 'primary Stat Server port', port, 2060)
    .option('--backup-port <port>', 'backup Stat Server port', port, 2061)
    .option('--admin-port <port>', 'admin HTTP port', port, 2070)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--agents <n|ids>',
      'agents that exist from the start (count or comma-separated employee ids)',
      agents,
    )
    .option('--rate <n>', 'scheduled state changes per second across unpinned agents', rate, 2)
    .option('--reason-key <key>', 'key of the reasons in CurrentStateReason', 'ReasonCode')
    .option('--strict', 'answer EventError for agents not known (default: create them on first open)')
    .option('--sip <servers>', "follow the SIP Server simulator's calls (host:port/host:port)")
    .option('--sip-agents <n>', "agents of the SIP Server simulator's generated topology", count, 20)
    .option('--configdb-url <url>', "take the SIP Server simulator's topology from this Engage Config DB")
    .action(async (opts: LabStatOptions) => {
      const logger = await createLogger({ service: 'lab-stat' });
      let sim;
      try {
        const sip = opts.sip
          ? {
              servers: opts.sip,
              agents: await sipAgents({ configDbUrl: opts.configdbUrl, agents: opts.sipAgents }),
            }
          : undefined;
        sim = await startStatServerSimulator({
          ...(sip ? { sip } : {}),
          host: opts.host,
          port: opts.port,
          backupPort: opts.backupPort,
          adminPort: opts.adminPort,
          ...(opts.agents ? { agents: opts.agents } : {}),
          acceptUnknownAgents: opts.strict !== true,
          changesPerSecond: opts.rate,
          reasonKey: opts.reasonKey,
          logger,
        });
      } catch (err) {
        throw new UserError(`lab engage stat: cannot start the simulator: ${errorMessage(err)}`);
      }
      ctx.io.out(
        `Stat Server simulator: primary ${opts.host}:${sim.primaryPort}, backup ${opts.host}:${sim.backupPort}`,
      );
      ctx.io.out(
        `  admin API: ${sim.adminUrl} (PUT/GET /agents/{employeeId}, POST /switchover, /kill-primary, /restore-primary)`,
      );
      ctx.io.out(`  schedule: ${opts.rate} changes/s; reason key ${opts.reasonKey}`);
      if (opts.sip) ctx.io.out(`  following the SIP Server simulator at ${opts.sip}`);
      await untilSignal();
      await sim.stop();
      ctx.io.out('Stat Server simulator stopped');
    });
}
