// `exec-connector lab mcp`: the MCP simulator on its own, until Ctrl-C (DESIGN §6). It follows the SIP
// Server simulator's calls and, for every recorded segment, PUTs an Ogg Opus file to WebDAV and POSTs the
// metadata to EXCP (or the load balancer before it), as the recording profile of seed 004 configures MCP.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { errorMessage, UserError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { recordedAgents } from '../../lab/engage/mcp/agents.ts';
import { startMcpSimulator, type DeliveryResult } from '../../lab/engage/mcp/index.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function nonNegative(what: string, integer = false) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
      throw new InvalidArgumentError(`"${v}" is not ${what} (0 or more)`);
    return n;
  };
}

interface LabMcpOptions {
  sip: string;
  agents: number;
  configdbUrl?: string;
  recdest: string;
  httpauthorization?: string;
  httpauthorizationFile?: string;
  callrecDest: string;
  irrecoverableDir?: string;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  trunk?: boolean;
  stereo?: boolean;
  minSeconds: number;
  maxSeconds: number;
  kbps: number;
  concurrency: number;
  quiet?: boolean;
}

/** `user:password` from the option or the file (a password on the command line shows in `ps`). */
function httpAuthorization(o: LabMcpOptions): string | undefined {
  if (o.httpauthorizationFile) {
    try {
      return readFileSync(o.httpauthorizationFile, 'utf8').trim();
    } catch (err) {
      throw new UserError(`lab mcp: --httpauthorization-file: ${errorMessage(err)}`);
    }
  }
  return o.httpauthorization;
}

const line = (r: DeliveryResult): string =>
  r.outcome === 'delivered'
    ? `recorded ${r.fileName} (${r.segment.kind}, ${r.size} bytes): WebDAV ${r.putStatus}, metadata ${r.postStatus}`
    : `NOT delivered ${r.fileName}: ${r.failedStep} failed after ${r.attempts[r.failedStep ?? 'put']} tries (${r.error ?? ''})`;

export function registerLabMcp(lab: Command, ctx: CommandContext): void {
  lab
    .command('mcp')
    .description(
      "the MCP simulator: records the SIP Server simulator's calls, PUTs Ogg Opus files to WebDAV, POSTs the metadata to EXCP",
    )
    .option(
      '--sip <servers>',
      'SIP Server pairs to follow (call monitoring)',
      '127.0.0.1:8000/127.0.0.1:8001',
    )
    .option(
      '--agents <n>',
      "agents of the SIP Server simulator's generated topology",
      nonNegative('a number', true),
      20,
    )
    .option('--configdb-url <url>', "take the SIP Server simulator's topology from this Engage Config DB")
    .option('--recdest <url>', 'recordingclient.recdest2: the WebDAV folder', 'http://127.0.0.1:8088/')
    .option('--httpauthorization <user:password>', 'recordingclient.httpauthorization2 (WebDAV Basic auth)')
    .option('--httpauthorization-file <path>', 'the same, read from a file')
    .option(
      '--callrec-dest <url>',
      'recordingclient.callrec_dest: where metadata is posted (the load balancer before EXCP)',
      'http://127.0.0.1:3660/api/v1/recording',
    )
    .option(
      '--irrecoverable-dir <dir>',
      'msml.record.irrecoverablerecordpostdir: where undeliverable segments go',
    )
    .option('--retries <n>', 'tries after the first, per step', nonNegative('a number of retries', true), 3)
    .option('--backoff-ms <ms>', 'first back-off (doubles each try)', nonNegative('a delay'), 1000)
    .option('--max-backoff-ms <ms>', 'longest back-off', nonNegative('a delay'), 30_000)
    .option('--timeout-ms <ms>', 'per request', nonNegative('a timeout'), 10_000)
    .option('--trunk', 'also record each call whole on behalf of its trunk')
    .option('--stereo', 'two-channel files (mono by default)')
    .option(
      '--min-seconds <s>',
      'shortest audio made (fast lab calls last milliseconds)',
      nonNegative('a length'),
      1,
    )
    .option('--max-seconds <s>', 'longest audio made', nonNegative('a length'), 3600)
    .option(
      '--kbps <n>',
      'file size as if encoded at this bitrate (1.2 = bare silence, up to 510)',
      nonNegative('a bitrate'),
      1.2,
    )
    .option('--concurrency <n>', 'segments delivered at once', nonNegative('a number', true), 16)
    .option('--quiet', 'no line per segment')
    .action(async (opts: LabMcpOptions) => {
      const logger = await createLogger({ service: 'lab-mcp' });
      let mcp;
      try {
        const agents = await recordedAgents({ configDbUrl: opts.configdbUrl, agents: opts.agents });
        const auth = httpAuthorization(opts);
        mcp = startMcpSimulator({
          servers: opts.sip,
          agents,
          logger,
          config: {
            recdest: opts.recdest,
            ...(auth ? { httpAuthorization: auth } : {}),
            callrecDest: opts.callrecDest,
            ...(opts.irrecoverableDir ? { irrecoverableDir: opts.irrecoverableDir } : {}),
            retry: {
              retries: opts.retries,
              backoffMs: opts.backoffMs,
              maxBackoffMs: opts.maxBackoffMs,
              timeoutMs: opts.timeoutMs,
            },
            audio: {
              channels: opts.stereo ? 2 : 1,
              minMs: opts.minSeconds * 1000,
              maxMs: Math.max(0.02, opts.maxSeconds) * 1000,
              // 20 ms per packet: kbit/s × 20 / 8 bytes.
              packetBytes: Math.min(1275, Math.max(3, Math.round(opts.kbps * 2.5))),
            },
            trunk: opts.trunk === true,
            concurrency: Math.max(1, opts.concurrency),
          },
          ...(opts.quiet ? {} : { onResult: (r: DeliveryResult) => ctx.io.out(line(r)) }),
        });
      } catch (err) {
        if (err instanceof UserError) throw err;
        throw new UserError(`lab mcp: cannot start the simulator: ${errorMessage(err)}`);
      }
      ctx.io.out(`MCP simulator: following ${opts.sip}`);
      ctx.io.out(`  recdest2 ${mcp.config.recdest}${mcp.config.httpAuthorization ? ' (Basic auth)' : ''}`);
      ctx.io.out(`  callrec_dest ${mcp.config.callrecDest}`);
      ctx.io.out(
        `  retries ${mcp.config.retry.retries}, back-off ${mcp.config.retry.backoffMs}-${mcp.config.retry.maxBackoffMs} ms` +
          (mcp.config.irrecoverableDir ? `, irrecoverable → ${mcp.config.irrecoverableDir}` : ''),
      );
      await untilSignal();
      await mcp.stop();
      const s = mcp.stats();
      ctx.io.out(`MCP simulator stopped: ${s.delivered} segments delivered, ${s.irrecoverable} not`);
    });
}
