// `exec-connector lab engage rws`: the GIR RWS simulator (EXCP's GIR mode) on its own, until Ctrl-C.
import { InvalidArgumentError, type Command } from 'commander';
import { errorMessage, UserError } from '../../core/errors.ts';
import { startRwsSimulator } from '../../lab/engage/rws/server.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port number (expected 0-65535)`);
  return n;
}

interface LabRwsOptions {
  port: number;
  host: string;
  ccid: string;
  user: string;
}

export function registerLabRws(engage: Command, ctx: CommandContext): void {
  engage
    .command('rws')
    .description(
      'the GIR RWS simulator: GET /api/v2/ops/contact-centers/{ccid}/recordings/{CallUUID}, Basic auth',
    )
    .option('--port <port>', 'HTTP port', port, 8096)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--ccid <id>', 'contact center id (EXCP gir_orgId)', 'lab-cc')
    .option('--user <name>', 'Ops user (EXCP gir_user); the password is RWS_OPS_PASSWORD, else "ops"', 'ops')
    .action(async (opts: LabRwsOptions) => {
      let sim;
      try {
        sim = await startRwsSimulator({
          host: opts.host,
          port: opts.port,
          ccid: opts.ccid,
          user: opts.user,
          password: process.env.RWS_OPS_PASSWORD ?? 'ops',
        });
      } catch (err) {
        throw new UserError(`lab engage rws: cannot start the simulator: ${errorMessage(err)}`);
      }
      ctx.io.out(`GIR RWS simulator: ${sim.url} (contact center ${opts.ccid}, Ops user ${opts.user})`);
      ctx.io.out(
        '  admin: POST /__rws/recordings {callUuid, segments[{startMs, stopMs, agentId, recordDn, seq}], availableAfterMs}, PUT /__rws/fail {status}, GET /__rws/requests',
      );
      await untilSignal();
      await sim.stop();
      ctx.io.out('GIR RWS simulator stopped');
    });
}
