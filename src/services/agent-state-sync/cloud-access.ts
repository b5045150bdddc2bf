// EXAS's side of Genesys Cloud: the client, made on first use (from EXEC_GC_* alone when they are complete,
// otherwise with the transaction settings EXCS serves) and made again after a failed attempt; and what
// /health says about the cloud, as learnt from the last lookup or accepted batch.
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

export interface CloudState {
  ok: boolean;
  detail?: string;
}

/** The cloud's last known state, for /health. */
export class CloudHealth {
  state: CloudState = { ok: false, detail: 'not connected yet' };

  up(detail?: string): void {
    this.state = detail === undefined ? { ok: true } : { ok: true, detail };
  }

  down(detail: string): void {
    this.state = { ok: false, detail };
  }
}

export interface CloudAccessDeps {
  excs: ExcsClient;
  gc: GcOverrides;
  logger: Logger;
  registry: Registry;
  tuning?: CloudTuning;
}

export class CloudAccess {
  private client: Promise<CloudClient> | undefined;

  constructor(private readonly deps: CloudAccessDeps) {}

  /** The client; one attempt at a time, and a failed attempt is retried on the next call. */
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
    const { excs, gc, logger, registry } = this.deps;
    const [general, own] = overridesComplete(gc)
      ? [{}, {}]
      : await Promise.all([excs.settings('general'), excs.settings('agent_state_sync')]);
    if (!gc.clientSecret && typeof own.client_secret !== 'string' && excs.withheld.has('client_secret')) {
      throw new Error(
        'EXCS withheld client_secret: it serves OAuth client secrets only to holders of EXEC_API_TOKEN ' +
          '(set the same EXEC_API_TOKEN on EXCS and EXAS, or EXEC_GC_CLIENT_SECRET)',
      );
    }
    // Bursts may use the budget left by full, delayed batches; the sliding window still caps a minute.
    return openServiceCloud(
      serviceCloudSettings(general, own, gc),
      { logger, registry },
      {
        limiterBurst: 40,
        ...this.deps.tuning,
      },
    );
  }
}
