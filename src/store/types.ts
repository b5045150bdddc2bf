// The state store: what the services need from Redis, as one interface with two implementations
// (Redis for deployments, in-memory for the demo). Keys are given without the deployment prefix.

export type ScriptValue = string | number | null | ScriptValue[];

/** The synchronous operations a script may use in its in-memory twin. */
export interface ScriptOps {
  get(key: string): string | null;
  set(key: string, value: string, ttlMs?: number): void;
  del(key: string): number;
  exists(key: string): boolean;
  pexpire(key: string, ttlMs: number): boolean;
  incrby(key: string, by: number): number;
  hget(key: string, field: string): string | null;
  hset(key: string, field: string, value: string): void;
  hdel(key: string, field: string): number;
  hgetall(key: string): Record<string, string>;
}

/**
 * An atomic multi-key step: Lua for Redis, and the same logic in TypeScript for the in-memory store.
 * Both must return the same values (Redis turns Lua numbers into integers, false/nil into null).
 */
export interface StoreScript<T extends ScriptValue = ScriptValue> {
  name: string;
  lua: string;
  memory(ops: ScriptOps, keys: string[], args: string[]): T;
}

export interface StateStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, opts?: { ttlMs?: number }): Promise<void>;
  /** Sets only when the key does not exist; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  delete(...keys: string[]): Promise<number>;
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 without expiry, -2 when absent (as Redis PTTL). */
  ttl(key: string): Promise<number>;
  incr(key: string, by?: number): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, fields: Record<string, string>): Promise<void>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  /** Every key starting with `prefix` (without the deployment prefix), in no particular order. */
  scan(prefix: string): AsyncIterable<string>;
  run<T extends ScriptValue>(script: StoreScript<T>, keys: string[], args: (string | number)[]): Promise<T>;
  /** Resolves when the store answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
