// `exec-connector lab engage sip`: the SIP Server simulator (primary, backup, admin HTTP) on its own,
// playing traffic and/or replaying a recording, until Ctrl-C (DESIGN §6).
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { errorMessage, UserError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { readSnapshot } from '../../engage/configdb/index.ts';
import { openLabDatabase } from '../../lab/engage/configdb/index.ts';
import {
  generateTopology,
  parseMix,
  startSipServerSimulator,
  topologyFromSnapshot,
  type SipTopology,
} from '../../lab/engage/sip-server/index.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port number (expected 0-65535)`);
  return n;
}

function nonNegative(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`"${v}" is not ${what} (0 or more)`);
    return n;
  };
}

function mix(v: string): string {
  try {
    parseMix(v);
  } catch (err) {
    throw new InvalidArgumentError(errorMessage(err));
  }
  return v;
}

function format(v: string): 'auto' | 'jsonl' | 'tlib-log' {
  if (v !== 'auto' && v !== 'jsonl' && v !== 'tlib-log')
    throw new InvalidArgumentError(`"${v}" is not a format (expected auto, jsonl or tlib-log)`);
  return v;
}

interface LabSipOptions {
  port: number;
  backupPort: number;
  adminPort: number;
  remotePort?: number;
  remoteBackupPort?: number;
  host: string;
  caps: number;
  mix?: string;
  agents: number;
  timeScale: number;
  replay?: string;
  speed: number;
  format: 'auto' | 'jsonl' | 'tlib-log';
  configdbUrl?: string;
  scopeFolders?: string;
}

/** The topology of a Config DB (agents in `scopeFolders`, when given, are the in-scope ones). */
async function configDbTopology(url: string, scopeFolders: string | undefined): Promise<SipTopology> {
  const db = await openLabDatabase(url);
  try {
    const folders = scopeFolders
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const snapshot = await readSnapshot(db.client);
    return topologyFromSnapshot(
      snapshot,
      folders?.length ? { inScope: (p) => p.folderPath.some((f) => folders.includes(f)) } : {},
    );
  } finally {
    await db.close();
  }
}

export function registerLabSip(engage: Command, ctx: CommandContext): void {
  engage
    .command('sip')
    .description(
      'the SIP Server simulator: T-Lib JSON link as primary and backup, call scenarios, admin HTTP API',
    )
    .option('--port <port>', 'primary SIP Server port', port, 8000)
    .option('--backup-port <port>', 'backup SIP Server port', port, 8001)
    .option('--admin-port <port>', 'admin HTTP port', port, 8090)
    .option(
      '--remote-port <port>',
      'serve the remote site (multi-site calls) on its own pair: primary port',
      port,
    )
    .option('--remote-backup-port <port>', 'backup port of the remote site pair', port)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--caps <r>', 'calls per second of live traffic (0: none)', nonNegative('a call rate'), 0)
    .option('--mix <mix>', 'scenario mix: "name:weight,…", "all", "supported" or "default"', mix)
    .option('--agents <n>', 'agents of the generated topology', nonNegative('a number of agents'), 20)
    .option('--configdb-url <url>', 'take the topology from this Engage Config DB (PostgreSQL URL)')
    .option('--scope-folders <names>', 'with --configdb-url: the sync scope folders (comma-separated)')
    .option(
      '--time-scale <x>',
      'multiplies every call duration (1: real time)',
      nonNegative('a time scale'),
      1,
    )
    .option('--replay <file>', 'replay a JSON-lines recording or a SIP Server log')
    .option(
      '--speed <x>',
      'replay speed (1: original pace, 0: as fast as possible)',
      nonNegative('a speed'),
      1,
    )
    .option('--format <format>', 'replay file format: auto, jsonl or tlib-log', format, 'auto')
    .action(async (opts: LabSipOptions) => {
      if (opts.replay && !existsSync(opts.replay)) {
        throw new UserError(`lab engage sip: --replay ${opts.replay}: no such file`);
      }
      const logger = await createLogger({ service: 'lab-sip' });
      const remote =
        opts.remotePort !== undefined
          ? {
              port: opts.remotePort,
              ...(opts.remoteBackupPort !== undefined ? { backupPort: opts.remoteBackupPort } : {}),
            }
          : undefined;
      let sim;
      try {
        const topology = opts.configdbUrl
          ? await configDbTopology(opts.configdbUrl, opts.scopeFolders)
          : generateTopology({ agents: opts.agents });
        sim = await startSipServerSimulator({
          host: opts.host,
          port: opts.port,
          backupPort: opts.backupPort,
          adminPort: opts.adminPort,
          ...(remote ? { remote } : {}),
          topology,
          timeScale: opts.timeScale,
          caps: opts.caps,
          ...(opts.mix ? { mix: opts.mix } : {}),
          ...(opts.replay ? { replay: { file: opts.replay, speed: opts.speed, format: opts.format } } : {}),
          logger,
        });
      } catch (err) {
        throw new UserError(`lab engage sip: cannot start the simulator: ${errorMessage(err)}`);
      }
      ctx.io.out(
        `SIP Server simulator: primary ${opts.host}:${sim.primaryPort}, backup ${opts.host}:${sim.backupPort}`,
      );
      if (sim.remote) {
        ctx.io.out(
          `  remote site: primary ${opts.host}:${sim.remote.primaryPort}, backup ${opts.host}:${sim.remote.backupPort}`,
        );
      }
      ctx.io.out(
        `  admin API: ${sim.adminUrl} (POST /calls, PUT /traffic, POST /switchover, /kill-primary, /restore-primary)`,
      );
      ctx.io.out(
        `  traffic: ${opts.caps} calls/s${opts.replay ? `; replaying ${opts.replay} at ×${opts.speed}` : ''}`,
      );
      await untilSignal();
      await sim.stop();
      ctx.io.out('SIP Server simulator stopped');
    });
}
