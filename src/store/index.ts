// Choosing a store: Redis from settings, or memory (the demo).
import type { RedisSettings } from '../core/config/service-config.ts';
import type { HealthCheck } from '../core/http/health.ts';
import type { Logger } from '../core/logger.ts';
import { MemoryStore } from './memory.ts';
import { createRedisClient, RedisStore } from './redis.ts';
import type { StateStore } from './types.ts';

export type { StateStore, StoreScript, ScriptOps, ScriptValue } from './types.ts';
export { MemoryStore } from './memory.ts';
export { RedisStore, createRedisClient } from './redis.ts';

export function createStore(settings: RedisSettings | 'memory', logger?: Logger): StateStore {
  if (settings === 'memory') return new MemoryStore();
  return new RedisStore(createRedisClient(settings), settings.keyPrefix, true, logger);
}

export function storeHealthCheck(store: StateStore, name = 'redis'): HealthCheck {
  return {
    name,
    async check() {
      try {
        await store.ping();
        return { ok: true, detail: store.kind };
      } catch (err) {
        return { ok: false, detail: (err as Error).message };
      }
    },
  };
}
