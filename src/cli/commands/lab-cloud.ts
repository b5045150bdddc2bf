// `exec-connector lab cloud`: the Genesys Cloud API emulator on its own, until Ctrl-C (DESIGN §6).
import { InvalidArgumentError, type Command } from 'commander';
import { createLogger } from '../../core/logger.ts';
import { UserError, errorMessage } from '../../core/errors.ts';
import { DEFAULT_CLIENT_SECRET, startCloudEmulator } from '../../lab/cloud-emulator/index.ts';
import { DUPLICATE_MODES, type DuplicateMode } from '../../lab/cloud-emulator/events/ingest.ts';
import { EVENT_ORDERS, type EventOrder } from '../../lab/cloud-emulator/events/order.ts';
import { untilSignal } from '../context.ts';
import type { CommandContext } from './index.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port number (expected 0-65535)`);
  return n;
}

function rateLimit(v: string): number | 'off' {
  if (v.toLowerCase() === 'off') return 'off';
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`"${v}" is not a rate limit (expected requests per minute, or off)`);
  return n;
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v))
      throw new InvalidArgumentError(`"${v}" is not a valid ${name} (expected ${values.join(' or ')})`);
    return v as T;
  };
}

function nonNegativeInt(name: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max)
      throw new InvalidArgumentError(`"${v}" is not a valid ${name} (expected an integer from 0 to ${max})`);
    return n;
  };
}

interface LabCloudOptions {
  port: number;
  host: string;
  clientId: string;
  clientSecret?: string;
  rateLimit: number | 'off';
  state?: string;
  eventOrder: EventOrder;
  eventOrderSeed?: number;
  duplicateEvents: DuplicateMode;
  consistencyDelay: number;
}

export function registerLabCloud(lab: Command, ctx: CommandContext): void {
  lab
    .command('cloud')
    .description('the Genesys Cloud API emulator (API, admin API under /__emulator/, console at /)')
    .option('--port <port>', 'TCP port', port, 3600)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--client-id <id>', 'OAuth client id', 'exec-lab')
    .option('--client-secret <secret>', `OAuth client secret (default ${DEFAULT_CLIENT_SECRET})`)
    .option('--rate-limit <n|off>', 'requests per minute per token, or off', rateLimit, 300)
    .option('--state <file>', 'keep the org in this file across restarts')
    .option(
      '--event-order <strict|sorted>',
      "how a request's event arrays are applied: strict (a seeded order of the emulator's own) or sorted (by time)",
      oneOf('event order', EVENT_ORDERS),
      'strict',
    )
    .option(
      '--event-order-seed <n>',
      'seed of the strict order (default: random, logged)',
      nonNegativeInt('seed', 2 ** 31),
    )
    .option(
      '--duplicate-events <reject|absorb>',
      'a repeated eventId: a non-retryable per-event error, or silently absorbed',
      oneOf('duplicate mode', DUPLICATE_MODES),
      'reject',
    )
    .option(
      '--consistency-delay <ms>',
      'reads see writes only after this delay (eventual consistency)',
      nonNegativeInt('delay', 600_000),
      0,
    )
    .action(async (opts: LabCloudOptions) => {
      const logger = await createLogger({
        service: 'lab-cloud',
        secrets: opts.clientSecret ? [opts.clientSecret] : [],
      });
      let emulator;
      try {
        emulator = await startCloudEmulator({
          port: opts.port,
          host: opts.host,
          clientId: opts.clientId,
          ...(opts.clientSecret ? { clientSecret: opts.clientSecret } : {}),
          rateLimitPerMinute: opts.rateLimit,
          ...(opts.state ? { statePath: opts.state } : {}),
          eventOrder: opts.eventOrder,
          ...(opts.eventOrderSeed !== undefined ? { eventOrderSeed: opts.eventOrderSeed } : {}),
          duplicateEvents: opts.duplicateEvents,
          consistencyDelayMs: opts.consistencyDelay,
          logger,
        });
      } catch (err) {
        throw new UserError(`lab cloud: cannot start the emulator: ${errorMessage(err)}`);
      }
      ctx.io.out(`Genesys Cloud emulator at ${emulator.url}`);
      ctx.io.out(`  OAuth client id: ${emulator.clientId}`);
      // A secret given on the command line is never echoed; the lab default is public knowledge.
      if (!opts.clientSecret) ctx.io.out(`  OAuth client secret: ${DEFAULT_CLIENT_SECRET} (the lab default)`);
      ctx.io.out(`  rate limit: ${opts.rateLimit === 'off' ? 'off' : `${opts.rateLimit}/min per token`}`);
      ctx.io.out(
        `  events: ${opts.eventOrder} order, duplicates ${opts.duplicateEvents}; consistency delay ${opts.consistencyDelay} ms`,
      );
      ctx.io.out(`  console: ${emulator.url}/   admin API: ${emulator.url}/__emulator/`);
      await untilSignal();
      await emulator.stop();
      ctx.io.out('emulator stopped');
    });
}
