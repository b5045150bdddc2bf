// The shell every service runs in: configuration, logger, metrics, state store, HTTP server with
// /health and /metrics, graceful shutdown. A service brings only its composition root.
// Start-up is bounded (EXEC_STARTUP_TIMEOUT_SECONDS): the store must answer (wrong credentials fail at
// once), the service must start, and only then does the HTTP server listen, so /health and /status never
// speak for a service that is not running; a failed start releases everything and throws.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { CommonConfig } from '../core/config/service-config.ts';
import type { ServiceName } from '../core/config/variables.ts';
import type { HealthCheck } from '../core/http/health.ts';
import { createHttpServer } from '../core/http/server.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { createMetricsRegistry } from '../core/metrics.ts';
import { createStore, storeHealthCheck, type StateStore } from '../store/index.ts';
import { securityNotices } from '../core/config/notices.ts';
import { beforeDeadline, StartupError, waitForStore } from './startup.ts';

export interface ServiceDeps {
  config: CommonConfig;
  logger: Logger;
  registry: Registry;
  store: StateStore;
}

/** What a service's composition root returns. */
export interface ServiceInstance {
  health: HealthCheck[];
  routes?(app: FastifyInstance): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServiceModule {
  name: ServiceName;
  /** The HTTP port from the configuration. */
  port(config: CommonConfig): number;
  /** The address to listen on (default 0.0.0.0). */
  host?(config: CommonConfig): string;
  create(deps: ServiceDeps): Promise<ServiceInstance>;
}

export interface RunningService {
  url: string;
  app: FastifyInstance;
  deps: ServiceDeps;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: CommonConfig;
  /** Use this store instead of one from the configuration (the demo passes a memory store). */
  store?: StateStore;
  logger?: Logger;
  host?: string;
  port?: number;
}

export const DEFAULT_STARTUP_TIMEOUT_SECONDS = 60;

export async function startService(mod: ServiceModule, opts: StartOptions): Promise<RunningService> {
  const { config } = opts;
  const logger =
    opts.logger ?? (await createLogger({ service: mod.name, settings: config.log, secrets: config.secrets }));
  for (const warning of config.warnings ?? []) logger.warn(warning);
  for (const notice of securityNotices(config.vars, mod.name)) logger.warn(notice);
  const timeoutS = Number(config.vars.EXEC_STARTUP_TIMEOUT_SECONDS ?? DEFAULT_STARTUP_TIMEOUT_SECONDS);
  const deadline = Date.now() + timeoutS * 1000;
  const registry = createMetricsRegistry(mod.name);
  const store = opts.store ?? createStore(config.redis, logger);
  const deps: ServiceDeps = { config, logger, registry, store };
  let instance: ServiceInstance | undefined;
  let app: FastifyInstance | undefined;
  try {
    await waitForStore(store, deadline);
    instance = await beforeDeadline(mod.create(deps), deadline, `${mod.name} set-up`);
    app = createHttpServer({
      service: mod.name,
      logger,
      registry,
      apiToken: config.apiToken,
      health: [storeHealthCheck(store), ...instance.health],
    });
    instance.routes?.(app);
    await beforeDeadline(instance.start(), deadline, `${mod.name} start`);
    const url = await app.listen({
      host: opts.host ?? mod.host?.(config) ?? '0.0.0.0',
      port: opts.port ?? mod.port(config),
    });
    logger.info({ url }, `${mod.name} started`);
    return running(mod, opts, { url, app, deps, instance });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    logger.fatal({ err: why, timeoutSeconds: timeoutS }, `${mod.name} could not start: ${why}`);
    await beforeDeadline(
      releaseAfterFailure(instance, app, opts.store ? undefined : store),
      Date.now() + 5000,
      'clean-up',
    ).catch(() => undefined);
    throw new StartupError(`${mod.name} could not start: ${why}`);
  }
}

async function releaseAfterFailure(
  instance: ServiceInstance | undefined,
  app: FastifyInstance | undefined,
  store: StateStore | undefined,
): Promise<void> {
  await instance?.stop().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await store?.close().catch(() => undefined);
}

function running(
  mod: ServiceModule,
  opts: StartOptions,
  r: { url: string; app: FastifyInstance; deps: ServiceDeps; instance: ServiceInstance },
): RunningService {
  let stopped: Promise<void> | undefined;
  return {
    url: r.url,
    app: r.app,
    deps: r.deps,
    stop: () =>
      (stopped ??= (async () => {
        r.deps.logger.info(`${mod.name} stopping`);
        await r.instance.stop();
        await r.app.close();
        if (!opts.store) await r.deps.store.close();
      })()),
  };
}
