// startCloudEmulator(): the strict Genesys Cloud API emulator on a TCP port (DESIGN §6).
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../core/logger.ts';
import { silentLogger } from '../../core/logger.ts';
import { AuditLog } from './audit.ts';
import { Consistency } from './consistency.ts';
import { DUPLICATE_MODES, type DuplicateMode } from './events/ingest.ts';
import { EVENT_ORDERS, seededRandom, type EventOrder } from './events/order.ts';
import type { EmulatorContext } from './context.ts';
import { FaultSet } from './faults.ts';
import { createOrg, createRecordingKey } from './seed.ts';
import { buildServer } from './server.ts';
import { loadOrg, saveOrg } from './snapshot.ts';
import { TokenStore } from './tokens.ts';

export interface CloudEmulatorOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  rateLimitPerMinute?: number | 'off';
  eventsBatchLimit?: number;
  tokenTtlSeconds?: number;
  statePath?: string;
  logger?: Logger;
  /** 'strict' (default): a request's event arrays in a seeded shuffled order; 'sorted': by time. */
  eventOrder?: EventOrder;
  /** Seed of the strict order (default: random, logged at start). */
  eventOrderSeed?: number;
  /** A repeated eventId: 'reject' (default, a non-retryable per-event error) or 'absorb'. */
  duplicateEvents?: DuplicateMode;
  /** Reads lag writes by this many ms (default 0). */
  consistencyDelayMs?: number;
}

export interface CloudEmulator {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'exec-lab';
export const DEFAULT_CLIENT_SECRET = 'exec-lab-secret';

export async function startCloudEmulator(opts: CloudEmulatorOptions = {}): Promise<CloudEmulator> {
  const logger = opts.logger ?? silentLogger();
  const rate = opts.rateLimitPerMinute ?? 300;
  if (rate !== 'off' && !(Number.isInteger(rate) && rate > 0))
    throw new Error(`rateLimitPerMinute must be a positive integer or 'off' (got ${rate})`);
  const eventOrder = opts.eventOrder ?? 'strict';
  if (!EVENT_ORDERS.includes(eventOrder))
    throw new Error(`eventOrder must be one of ${EVENT_ORDERS.join(', ')} (got ${String(eventOrder)})`);
  const duplicateEvents = opts.duplicateEvents ?? 'reject';
  if (!DUPLICATE_MODES.includes(duplicateEvents))
    throw new Error(
      `duplicateEvents must be one of ${DUPLICATE_MODES.join(', ')} (got ${String(duplicateEvents)})`,
    );
  const consistencyDelayMs = opts.consistencyDelayMs ?? 0;
  if (!(Number.isInteger(consistencyDelayMs) && consistencyDelayMs >= 0 && consistencyDelayMs <= 600_000))
    throw new Error(`consistencyDelayMs must be an integer from 0 to 600000 (got ${consistencyDelayMs})`);
  const eventOrderSeed = opts.eventOrderSeed ?? Math.floor(Math.random() * 2 ** 31);
  if (!(Number.isInteger(eventOrderSeed) && eventOrderSeed >= 0))
    throw new Error(`eventOrderSeed must be a non-negative integer (got ${eventOrderSeed})`);
  const recordingKey = createRecordingKey();
  const stored = opts.statePath ? loadOrg(opts.statePath) : undefined;
  let dirty = false;
  const listeners = new Set<() => void>();
  const ctx: EmulatorContext = {
    org: stored ?? createOrg(recordingKey),
    audit: new AuditLog(),
    tokens: new TokenStore(),
    faults: new FaultSet(),
    eventOrderRandom: seededRandom(eventOrderSeed),
    lag: new Consistency(consistencyDelayMs),
    settings: {
      clientId: opts.clientId ?? DEFAULT_CLIENT_ID,
      clientSecret: opts.clientSecret ?? DEFAULT_CLIENT_SECRET,
      rateLimitPerMinute: rate,
      eventsBatchLimit: opts.eventsBatchLimit ?? 100,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 86400,
      requestBytesMax: 512_000,
      eventOrder,
      eventOrderSeed,
      duplicateEvents,
      consistencyDelayMs,
    },
    logger,
    uploadBodies: new Map(),
    recordings: new Map(),
    baseUrl: '',
    signingKey: randomBytes(32),
    reset() {
      this.org = createOrg(this.org.recordingKeys[0] ?? recordingKey);
      this.audit.clear();
      this.faults.clear();
      this.uploadBodies.clear();
      this.recordings.clear();
      this.lag.clear();
      this.touch();
    },
    touch() {
      dirty = true;
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    consoleLinks: { services: [], controlUrl: null },
  };
  let lastSave = { at: 0, tookMs: 0 };
  const save = (force = false): void => {
    if (!opts.statePath || !dirty) return;
    // A big org takes a while to serialise: under heavy traffic, spend at most ~10% of the time on it.
    const now = Date.now();
    if (!force && now - lastSave.at < lastSave.tookMs * 10) return;
    dirty = false;
    try {
      saveOrg(opts.statePath, ctx.org);
      lastSave = { at: now, tookMs: Date.now() - now };
    } catch (err) {
      logger.error({ err, path: opts.statePath }, 'cloud emulator: cannot write the state file');
    }
  };
  const saver = opts.statePath ? setInterval(() => save(), 1000) : undefined;
  saver?.unref();

  const app = buildServer(ctx);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 3600, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 3600);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  ctx.baseUrl = `http://${urlHost}:${port}`;
  logger.info(
    {
      url: ctx.baseUrl,
      clientId: ctx.settings.clientId,
      rateLimit: rate,
      eventOrder,
      eventOrderSeed,
      duplicateEvents,
      consistencyDelayMs,
    },
    'cloud emulator listening',
  );
  return {
    url: ctx.baseUrl,
    port,
    clientId: ctx.settings.clientId,
    clientSecret: ctx.settings.clientSecret,
    async stop() {
      if (saver) clearInterval(saver);
      await app.close();
      save(true);
    },
  };
}
