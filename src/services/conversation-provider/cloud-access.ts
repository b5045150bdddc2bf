// EXCP's one Genesys Cloud client, opened on first use from the GC overrides or EXCS's settings
// (general + conversation_provider). A failed open is forgotten, so the next use tries again.
import type { Registry } from 'prom-client';
import type { CloudClient } from '../../cloud/index.ts';
import type { GcOverrides } from '../../core/config/service-config.ts';
import type { Logger } from '../../core/logger.ts';
import {
  openServiceCloud,
  overridesComplete,
  serviceCloudSettings,
  type CloudTuning,
} from '../shared/cloud-setup.ts';
import type { ExcsClient } from '../shared/excs-client.ts';

export class ProviderCloud {
  private pending: Promise<CloudClient> | undefined;

  constructor(
    private readonly deps: {
      excs: ExcsClient;
      gc: GcOverrides;
      logger: Logger;
      registry: Registry;
      tuning?: CloudTuning | undefined;
    },
  ) {}

  get(): Promise<CloudClient> {
    this.pending ??= this.open().catch((err: unknown) => {
      this.pending = undefined;
      throw err;
    });
    return this.pending;
  }

  async close(): Promise<void> {
    if (this.pending) await (await this.pending.catch(() => undefined))?.close();
  }

  private async open(): Promise<CloudClient> {
    const { excs, gc, logger, registry, tuning } = this.deps;
    const [general, own] = overridesComplete(gc)
      ? [{}, {}]
      : await Promise.all([excs.settings('general'), excs.settings('conversation_provider')]);
    return openServiceCloud(serviceCloudSettings(general, own, gc), { logger, registry }, tuning);
  }
}
