// One EXCS under test: the cloud emulator, a seeded lab Config DB on the test PostgreSQL, real Redis, and
// the service itself on a free port (startService, real HTTP).
import pg from 'pg';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openConfigDbUrl } from '../../src/engage/configdb/index.ts';
import {
  startCloudEmulator,
  type CloudEmulator,
  type CloudEmulatorOptions,
} from '../../src/lab/cloud-emulator/index.ts';
import { openLabDatabase, seedLabConfigDb, type LabDatabase } from '../../src/lab/engage/configdb/index.ts';
import { startService, type RunningService } from '../../src/services/runtime.ts';
import type { RetryPolicy } from '../../src/services/config-sync/applier/retries.ts';
import { createConfigSync, type ConfigSync } from '../../src/services/config-sync/service.ts';
import {
  createTestDatabase,
  testKeyPrefix,
  testRedisUrl,
  until,
  type TestDatabase,
} from '../harness/index.ts';
import { readAudit } from '../harness/emulator-audit.ts';

export { until };

export const TENANT = 'tenant001';

export interface Rig {
  emulator: CloudEmulator;
  db: TestDatabase;
  lab: LabDatabase;
  sql: pg.Pool;
  vars: Record<string, unknown>;
  excs?: { running: RunningService; sync: ConfigSync };
  startExcs(opts?: {
    pollMs?: number;
    reconcileMs?: number;
    retryPolicy?: RetryPolicy;
    planCacheMs?: number;
  }): Promise<{ running: RunningService; sync: ConfigSync }>;
  stopExcs(): Promise<void>;
  org(): Promise<EmulatorOrg>;
  audit(): Promise<{
    requests: { seq: number; method: string; path: string; status: number; fault?: string }[];
  }>;
  close(): Promise<void>;
}

export interface EmulatorOrg {
  users: {
    id: string;
    userName: string;
    displayName: string;
    externalId: string;
    active: boolean;
    roles: string[];
    division: string;
    skills: { name: string; proficiency: number }[];
  }[];
  skills: { id: string; name: string }[];
  queues: {
    id: string;
    name: string;
    description: string;
    peerId: string;
    members: string[];
    wrapupCodes: string[];
  }[];
  wrapupCodes: { id: string; name: string }[];
  sources: { id: string; name: string }[];
}

export async function startRig(
  agents: number,
  suite: string,
  seed: { badData?: boolean; nameClashes?: boolean } = {},
  emulatorOptions: CloudEmulatorOptions = {},
): Promise<Rig> {
  const emulator = await startCloudEmulator({
    port: 0,
    host: '127.0.0.1',
    rateLimitPerMinute: 'off',
    ...emulatorOptions,
  });
  const db = await createTestDatabase(suite);
  const lab = await openLabDatabase(db.url);
  await seedLabConfigDb(lab.client, { agents, cloudUrl: emulator.url, ...seed });
  const redis = new URL(await testRedisUrl());
  const vars: Record<string, unknown> = {
    TENANT_NAME: TENANT,
    EXCS_GC_QUEUE_NAME_SUFFIX: '-Engage-external',
    EXEC_REDIS_HOST: redis.hostname,
    EXEC_REDIS_PORT: Number(redis.port),
    EXEC_REDIS_KEY_PREFIX: testKeyPrefix(suite),
    EXEC_ORG_ID: '6662cb10-0d4d-4710-b979-db69011e66fd',
  };
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  const rig: Rig = {
    emulator,
    db,
    lab,
    sql,
    vars,
    async startExcs(o = {}) {
      let sync: ConfigSync | undefined;
      const running = await startService(
        {
          name: 'excs',
          port: () => 0,
          create: async (deps) =>
            (sync = await createConfigSync(deps, {
              configDb: openConfigDbUrl(db.url),
              pollMs: o.pollMs ?? 300,
              reconcileMs: o.reconcileMs ?? 3_600_000,
              rateLimitPerMinute: 1_000_000,
              ...(o.retryPolicy ? { retryPolicy: o.retryPolicy } : {}),
              ...(o.planCacheMs !== undefined ? { planCacheMs: o.planCacheMs } : {}),
            })),
        },
        { config: commonConfig('excs', vars, []), logger: silentLogger(), host: '127.0.0.1', port: 0 },
      );
      rig.excs = { running, sync: sync as ConfigSync };
      return rig.excs;
    },
    async stopExcs() {
      await rig.excs?.running.stop();
      rig.excs = undefined;
    },
    org: async () => (await (await fetch(`${emulator.url}/__emulator/org`)).json()) as EmulatorOrg,
    audit: () =>
      readAudit<Awaited<ReturnType<Rig['audit']>>['requests'][number], { seq: number }>(emulator.url),
    async close() {
      await rig.stopExcs();
      await sql.end();
      await lab.close();
      await db.drop();
      await emulator.stop();
    },
  };
  return rig;
}

export async function initialSync(sync: ConfigSync): Promise<void> {
  await until(
    'the initial sync',
    async () => {
      const s = sync.engine.status;
      if (s.syncStatus.status === 'Failed') throw new Error(`initial sync failed: ${s.lastError}`);
      return s.initialSyncDone && s.syncStatus.status === 'Success';
    },
    240_000,
  );
}
