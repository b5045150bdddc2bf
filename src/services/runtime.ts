// The shell every service runs in: configuration, logger, metrics, state store, HTTP server with
// /health and /metrics, graceful shutdown. A service brings only its composition root.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { CommonConfig } from '../core/config/service-config.ts';
import type { ServiceName } from '../core/config/variables.ts';
import type { HealthCheck } from '../core/http/health.ts';
import { registerDependencyGauge } from '../core/http/health-metric.ts';
import { createHttpServer } from '../core/http/server.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { createMetricsRegistry } from '../core/metrics.ts';
import { createStore, storeHealthCheck, type StateStore } from '../store/index.ts';

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

export async function startService(mod: ServiceModule, opts: StartOptions): Promise<RunningService> {
  const { config } = opts;
  const logger =
    opts.logger ?? (await createLogger({ service: mod.name, settings: config.log, secrets: config.secrets }));
  const registry = createMetricsRegistry(mod.name);
  const store = opts.store ?? createStore(config.redis, logger);
  const deps: ServiceDeps = { config, logger, registry, store };
  const instance = await mod.create(deps);
  const health = [storeHealthCheck(store), ...instance.health];
  registerDependencyGauge(registry, health);
  const app = createHttpServer({
    service: mod.name,
    logger,
    registry,
    apiToken: config.apiToken,
    health,
  });
  instance.routes?.(app);
  const url = await app.listen({ host: opts.host ?? '0.0.0.0', port: opts.port ?? mod.port(config) });
  await instance.start();
  logger.info({ url }, `${mod.name} started`);
  let stopped: Promise<void> | undefined;
  return {
    url,
    app,
    deps,
    stop: () =>
      (stopped ??= (async () => {
        logger.info(`${mod.name} stopping`);
        await instance.stop();
        await app.close();
        if (!opts.store) await store.close();
      })()),
  };
}
