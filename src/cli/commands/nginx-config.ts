// `exec-connector nginx-config`: the load balancer's nginx.conf and nginx-upstreams.conf for the
// recording deployment (seed 003, "Deploying HTTP Load Balancer"), from the deployment .env. Printed,
// or written to a folder to copy to the nginx VM's /etc/nginx/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { formatProblem, loadEnv } from '../../core/config/load.ts';
import { UserError, errorMessage } from '../../core/errors.ts';
import { nginxPlan, readNginxTemplates, renderNginx } from '../../deploy/nginx.ts';
import type { CommandContext } from './index.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port number (expected 1-65535)`);
  return n;
}

interface NginxConfigOptions {
  envFile?: string;
  out?: string;
  excpPort?: number;
  exrpPort?: number;
  listenAddress?: string;
}

export function registerNginxConfig(program: Command, ctx: CommandContext): void {
  program
    .command('nginx-config')
    .description(
      'the recording load balancer (nginx.conf, nginx-upstreams.conf) for the EXCP pairs and EXRP, from .env',
    )
    .option('--env-file <file>', 'the .env file (default: ./.env when present, else the environment)')
    .option('--out <dir>', 'write the two files there (default: print them)')
    .option('--excp-port <port>', "nginx port for EXCP pair 1 (MCP's callrec_dest); pair n: + n − 1", port)
    .option(
      '--exrp-port <port>',
      'nginx port for EXRP (default EXCP_RECORDING_PROCESSOR_PROXY_PORT, else 8070)',
      port,
    )
    .option('--listen-address <ip>', 'address the server blocks listen on (default: all)')
    .action((opts: NginxConfigOptions) => {
      const envFile = opts.envFile ?? (existsSync('.env') ? '.env' : undefined);
      const loaded = loadEnv(envFile ? { envFile } : { env: process.env });
      const { plan, problems } = nginxPlan(loaded.values, {
        ...(opts.excpPort !== undefined ? { excpPort: opts.excpPort } : {}),
        ...(opts.exrpPort !== undefined ? { exrpPort: opts.exrpPort } : {}),
      });
      const all = [...loaded.problems.map(formatProblem), ...problems];
      if (all.length) {
        for (const p of all) ctx.io.err(p);
        ctx.io.err(`${all.length} problem${all.length === 1 ? '' : 's'} in ${envFile ?? 'the environment'}`);
        ctx.setExit(1);
        return;
      }
      const files = renderNginx(plan, readNginxTemplates(), {
        ...(opts.listenAddress ? { listenAddress: opts.listenAddress } : {}),
      });
      if (!opts.out) {
        for (const [name, text] of Object.entries(files)) ctx.io.out(`# ---- ${name}\n${text}`);
        return;
      }
      try {
        mkdirSync(opts.out, { recursive: true });
        for (const [name, text] of Object.entries(files)) writeFileSync(join(opts.out, name), text);
      } catch (err) {
        throw new UserError(`nginx-config: cannot write to ${opts.out}: ${errorMessage(err)}`);
      }
      for (const b of plan.blocks)
        ctx.io.out(
          `${b.upstream}: port ${b.listen} → ${b.servers.map((s) => `${s.address}:${s.port}`).join(', ')}`,
        );
      ctx.io.out(`wrote ${Object.keys(files).join(', ')} to ${opts.out}`);
    });
}
