// The Redis state store (ioredis): password, TLS, Sentinel, and a key prefix per deployment/tenant.
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisSettings } from '../core/config/service-config.ts';
import type { Logger } from '../core/logger.ts';
import type { ScriptValue, StateStore, StoreScript } from './types.ts';

export function redisOptions(s: RedisSettings): RedisOptions {
  const common: RedisOptions = {
    ...(s.password ? { password: s.password } : {}),
    ...(s.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  };
  if (s.sentinels?.length) {
    // The password is the master's; Sentinels usually have none (AUTH to one without a password fails).
    return { ...common, sentinels: s.sentinels, name: s.sentinelName };
  }
  return { ...common, host: s.host, port: s.port };
}

export function createRedisClient(settings: RedisSettings | string): Redis {
  if (typeof settings === 'string') {
    return new Redis(settings, {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
  }
  return new Redis(redisOptions(settings));
}

export class RedisStore implements StateStore {
  readonly kind = 'redis' as const;
  private readonly shas = new Map<string, string>();
  /** The last connection error, reported by ping() (and so by /health) while the link is down. */
  private lastError: string | undefined;
  private lastLoggedAt = 0;

  constructor(
    readonly client: Redis,
    private readonly prefix = '',
    private readonly ownsClient = true,
    logger?: Logger,
  ) {
    // Without a listener ioredis prints every reconnect failure to the console; log it, at most every 10 s.
    client.on('error', (err: Error) => {
      this.lastError = err.message;
      const now = Date.now();
      if (logger && now - this.lastLoggedAt > 10_000) {
        this.lastLoggedAt = now;
        logger.warn({ err: err.message }, 'redis connection error');
      }
    });
    client.on('ready', () => {
      this.lastError = undefined;
    });
  }

  /** The key as stored: with the deployment prefix. */
  private full(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.full(key));
  }
  async mget(keys: string[]): Promise<(string | null)[]> {
    return keys.length ? this.client.mget(keys.map((k) => this.full(k))) : [];
  }
  async set(key: string, value: string, opts?: { ttlMs?: number }): Promise<void> {
    if (opts?.ttlMs) await this.client.set(this.full(key), value, 'PX', opts.ttlMs);
    else await this.client.set(this.full(key), value);
  }
  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const r = ttlMs
      ? await this.client.set(this.full(key), value, 'PX', ttlMs, 'NX')
      : await this.client.set(this.full(key), value, 'NX');
    return r === 'OK';
  }
  async delete(...keys: string[]): Promise<number> {
    return keys.length ? this.client.del(...keys.map((k) => this.full(k))) : 0;
  }
  async expire(key: string, ttlMs: number): Promise<boolean> {
    return (await this.client.pexpire(this.full(key), ttlMs)) === 1;
  }
  async ttl(key: string): Promise<number> {
    return this.client.pttl(this.full(key));
  }
  async incr(key: string, by = 1): Promise<number> {
    return this.client.incrby(this.full(key), by);
  }
  async hget(key: string, field: string): Promise<string | null> {
    return this.client.hget(this.full(key), field);
  }
  async hset(key: string, fields: Record<string, string>): Promise<void> {
    if (Object.keys(fields).length) await this.client.hset(this.full(key), fields);
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    return this.client.hgetall(this.full(key));
  }
  async hdel(key: string, ...fields: string[]): Promise<number> {
    return fields.length ? this.client.hdel(this.full(key), ...fields) : 0;
  }
  async *scan(prefix: string): AsyncIterable<string> {
    const match = `${this.prefix}${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      for (const k of keys) yield k.slice(this.prefix.length);
    } while (cursor !== '0');
  }
  async run<T extends ScriptValue>(
    script: StoreScript<T>,
    keys: string[],
    args: (string | number)[],
  ): Promise<T> {
    const fullKeys = keys.map((k) => this.full(k));
    let sha = this.shas.get(script.name);
    if (!sha) {
      sha = (await this.client.script('LOAD', script.lua)) as string;
      this.shas.set(script.name, sha);
    }
    try {
      return (await this.client.evalsha(sha, fullKeys.length, ...fullKeys, ...args)) as T;
    } catch (err) {
      if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
      return (await this.client.eval(script.lua, fullKeys.length, ...fullKeys, ...args)) as T;
    }
  }
  async ping(): Promise<void> {
    // A lost connection answers at once (health must not wait); a first connect may be queued.
    const st = this.client.status;
    if (st === 'reconnecting' || st === 'end' || st === 'close') {
      throw new Error(`redis connection is ${st}${this.lastError ? `: ${this.lastError}` : ''}`);
    }
    await this.client.ping();
  }
  async close(): Promise<void> {
    if (this.ownsClient) await this.client.quit().catch(() => this.client.disconnect());
  }
}
