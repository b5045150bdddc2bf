// A service's one Genesys Cloud client, made on first use: from EXEC_GC_* alone when they are complete,
// otherwise with the transaction settings EXCS serves (general + the service's own section). One attempt
// at a time; a failed attempt is forgotten, so the next use tries again.
import type { Registry } from 'prom-client';
import type { CloudClient } from '../../cloud/index.ts';
import type { GcOverrides } from '../../core/config/service-config.ts';
import type { Logger } from '../../core/logger.ts';
import {
  openServiceCloud,
  overridesComplete,
  serviceCloudSettings,
  type CloudTuning,
} from './cloud-setup.ts';
import type { ExcsClient } from './excs-client.ts';

/** Each service's own transaction section on EXCS. */
const SECTION = { EXAS: 'agent_state_sync', EXCP: 'conversation_provider' } as const;

export interface LazyCloudDeps {
  service: keyof typeof SECTION;
  excs: ExcsClient;
  gc: GcOverrides;
  logger: Logger;
  registry: Registry;
  tuning?: CloudTuning | undefined;
}

export class LazyCloud {
  private client: Promise<CloudClient> | undefined;

  constructor(private readonly deps: LazyCloudDeps) {}

  get(): Promise<CloudClient> {
    this.client ??= this.open().catch((err: unknown) => {
      this.client = undefined;
      throw err;
    });
    return this.client;
  }

  async close(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.close();
  }

  private async open(): Promise<CloudClient> {
    const { service, excs, gc, logger, registry, tuning } = this.deps;
    const [general, own] = overridesComplete(gc)
      ? [{}, {}]
      : await Promise.all([excs.settings('general'), excs.settings(SECTION[service])]);
    if (!gc.clientSecret && typeof own.client_secret !== 'string' && excs.withheld.has('client_secret')) {
      throw new Error(
        'EXCS withheld client_secret: it serves OAuth client secrets only to holders of EXEC_API_TOKEN ' +
          `(set the same EXEC_API_TOKEN on EXCS and ${service}, or EXEC_GC_CLIENT_SECRET)`,
      );
    }
    return openServiceCloud(serviceCloudSettings(general, own, gc), { logger, registry }, tuning);
  }
}
