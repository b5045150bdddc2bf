// What the demo runs on: embedded by default (PGlite for the lab Config DB, in-memory stores), or the
// real servers named by REDIS_URL / DATABASE_URL (the variables the test runner uses). Redis keys get
// a prefix of their own per demo run, so a run never reads another's state.
import type { RedisSettings } from '../core/config/service-config.ts';
import { createStore, MemoryStore, type StateStore } from '../store/index.ts';

export interface DemoBacking {
  /** A store for one service (or one pair), to close when it stops. */
  store(): StateStore;
  databaseUrl?: string;
  /** One line for the console: what it runs on, no secrets. */
  describe: string;
}

export function redisSettingsFromUrl(url: string, keyPrefix: string): RedisSettings {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error('REDIS_URL: a redis:// or rediss:// URL is expected');
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    tls: u.protocol === 'rediss:',
    sentinelName: 'mymaster',
    keyPrefix,
  };
}

export function demoBacking(
  env: NodeJS.ProcessEnv = process.env,
  runId = Date.now().toString(36),
): DemoBacking {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error('DATABASE_URL: a postgres:// or postgresql:// URL is expected');
  const settings = redisUrl ? redisSettingsFromUrl(redisUrl, `exec:demo-${runId}:`) : undefined;
  return {
    store: () => (settings ? createStore(settings) : new MemoryStore()),
    ...(databaseUrl ? { databaseUrl } : {}),
    describe: [
      settings ? `Redis ${settings.host}:${settings.port} (keys exec:demo-${runId}:*)` : 'in-memory stores',
      databaseUrl ? 'the lab Config DB on DATABASE_URL' : 'the lab Config DB on PGlite',
    ].join(', '),
  };
}

/** A URL as the demo prints it: the password, if any, masked. */
export function shownUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
