// The logger: pino, JSON to stdout by default, optional rotating file, the seed's LOG_* levels, every
// configured secret redacted from every line.
import pino, { type DestinationStream, type Level, type Logger, type LevelWithSilent } from 'pino';
import pinoPretty from 'pino-pretty';
import roll from 'pino-roll';
import type { LogSettings } from './config/service-config.ts';
import { createRedactor, type Redactor } from './redact.ts';

export type { Logger };

/** Seed levels (OFF … ALL, any case) to pino's. */
export function toPinoLevel(level: string | undefined, fallback: LevelWithSilent = 'info'): LevelWithSilent {
  switch ((level ?? '').toUpperCase()) {
    case 'OFF':
      return 'silent';
    case 'FATAL':
      return 'fatal';
    case 'ERROR':
      return 'error';
    case 'WARN':
      return 'warn';
    case 'INFO':
      return 'info';
    case 'DEBUG':
      return 'debug';
    case 'TRACE':
    case 'ALL':
      return 'trace';
    default:
      return fallback;
  }
}

export interface LoggerOptions {
  service: string;
  settings?: Partial<LogSettings>;
  secrets?: string[];
  /** Replaces stdout (tests capture lines through it). */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

const ORDER: LevelWithSilent[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const lowest = (levels: LevelWithSilent[]): LevelWithSilent =>
  levels.reduce((a, b) => (ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b), 'silent');

export async function createLogger(opts: LoggerOptions): Promise<Logger> {
  const s = opts.settings ?? {};
  const consoleLevel = toPinoLevel(s.serviceLevel ?? s.consoleLevel);
  const fileLevel = toPinoLevel(s.serviceLevel ?? s.fileLevel);
  const streams: pino.StreamEntry[] = [];
  if (s.consoleEnabled !== false && consoleLevel !== 'silent') {
    const dest = opts.destination ?? pino.destination({ dest: 1, sync: false });
    const stream = s.json === false ? pinoPretty({ destination: dest, colorize: false, sync: true }) : dest;
    streams.push({ level: consoleLevel as Level, stream });
  }
  if (s.fileEnabled && s.filePath && fileLevel !== 'silent') {
    const file = await roll({
      file: expandFileName(s.filePath),
      size: (s.fileSize ?? '50M').toLowerCase().replace(/b$/, ''),
      limit: { count: s.maxBackupIndex ?? 10 },
      mkdir: true,
    });
    streams.push({ level: fileLevel as Level, stream: file });
  }
  const redact = createRedactor(opts.secrets ?? []);
  const level = streams.length ? lowest(streams.map((x) => x.level as LevelWithSilent)) : 'silent';
  const logger = pino(
    {
      level,
      base: { service: opts.service, ...opts.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redact.line(line) },
    },
    pino.multistream(streams),
  );
  // Child loggers inherit from their parent's object, so they find the redactor too.
  (logger as unknown as Record<symbol, Redactor>)[REDACTOR] = redact;
  return logger;
}

const REDACTOR = Symbol('exec.redactor');

/**
 * Registers a secret learned at run time with the logger (and all its children): every later line is
 * redacted of it. Returns the logger's redactor, for error messages that do not go through the logger.
 */
export function addSecret(logger: Logger, secret: string | undefined): Redactor | undefined {
  const redact = (logger as unknown as Record<symbol, Redactor | undefined>)[REDACTOR];
  redact?.add(secret);
  return redact;
}

/** The seed's file name patterns: %Y%m%d_%H%M%S_%L, {TENANT_ID}/<TENANT_ID>, {HOSTNAME}. */
export function expandFileName(path: string, now = new Date(), env: NodeJS.ProcessEnv = process.env): string {
  const p2 = (n: number, w = 2): string => String(n).padStart(w, '0');
  return path
    .replace(/%Y/g, String(now.getUTCFullYear()))
    .replace(/%m/g, p2(now.getUTCMonth() + 1))
    .replace(/%d/g, p2(now.getUTCDate()))
    .replace(/%H/g, p2(now.getUTCHours()))
    .replace(/%M/g, p2(now.getUTCMinutes()))
    .replace(/%S/g, p2(now.getUTCSeconds()))
    .replace(/%L/g, p2(now.getUTCMilliseconds(), 3))
    .replace(/[{<]TENANT_ID[}>]/g, env.EXEC_TENANT_ID ?? 'tenant')
    .replace(/[{<]HOSTNAME[}>]/g, env.HOSTNAME ?? 'host');
}

/** A logger for tools and tests that writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
