// The in-memory state store, for the demo and for tests of the cores. Single-threaded, so scripts are
// atomic by construction.
import type { ScriptOps, ScriptValue, StateStore, StoreScript } from './types.ts';

type Entry = { value: string | Map<string, string>; expiresAt?: number };

export class MemoryStore implements StateStore {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  private entry(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (e?.expiresAt !== undefined && e.expiresAt <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private str(key: string): string | null {
    const e = this.entry(key);
    if (!e) return null;
    if (typeof e.value !== 'string') throw new Error(`WRONGTYPE ${key} holds a hash`);
    return e.value;
  }

  private hash(key: string, create: boolean): Map<string, string> | undefined {
    const e = this.entry(key);
    if (!e) {
      if (!create) return undefined;
      const m = new Map<string, string>();
      this.data.set(key, { value: m });
      return m;
    }
    if (typeof e.value === 'string') throw new Error(`WRONGTYPE ${key} holds a string`);
    return e.value;
  }

  private readonly ops: ScriptOps = {
    get: (k) => this.str(k),
    set: (k, v, ttlMs) => {
      this.data.set(k, ttlMs ? { value: v, expiresAt: this.now() + ttlMs } : { value: v });
    },
    del: (k) => (this.entry(k) && this.data.delete(k) ? 1 : 0),
    exists: (k) => this.entry(k) !== undefined,
    pexpire: (k, ttlMs) => {
      const e = this.entry(k);
      if (!e) return false;
      e.expiresAt = this.now() + ttlMs;
      return true;
    },
    incrby: (k, by) => {
      const cur = this.str(k);
      const n = (cur === null ? 0 : Number(cur)) + by;
      if (!Number.isInteger(n)) throw new Error(`ERR value of ${k} is not an integer`);
      const e = this.entry(k);
      this.data.set(
        k,
        e?.expiresAt !== undefined ? { value: String(n), expiresAt: e.expiresAt } : { value: String(n) },
      );
      return n;
    },
    hget: (k, f) => this.hash(k, false)?.get(f) ?? null,
    hset: (k, f, v) => {
      this.hash(k, true)?.set(f, v);
    },
    hdel: (k, f) => {
      const h = this.hash(k, false);
      if (!h) return 0;
      const had = h.delete(f) ? 1 : 0;
      if (h.size === 0) this.data.delete(k);
      return had;
    },
    hgetall: (k) => Object.fromEntries(this.hash(k, false) ?? []),
  };

  private check(): void {
    if (this.closed) throw new Error('store is closed');
  }

  async get(key: string): Promise<string | null> {
    this.check();
    return this.str(key);
  }
  async mget(keys: string[]): Promise<(string | null)[]> {
    this.check();
    return keys.map((k) => this.str(k));
  }
  async set(key: string, value: string, opts?: { ttlMs?: number }): Promise<void> {
    this.check();
    this.ops.set(key, value, opts?.ttlMs);
  }
  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    this.check();
    if (this.entry(key)) return false;
    this.ops.set(key, value, ttlMs);
    return true;
  }
  async delete(...keys: string[]): Promise<number> {
    this.check();
    return keys.reduce((n, k) => n + this.ops.del(k), 0);
  }
  async expire(key: string, ttlMs: number): Promise<boolean> {
    this.check();
    return this.ops.pexpire(key, ttlMs);
  }
  async ttl(key: string): Promise<number> {
    this.check();
    const e = this.entry(key);
    if (!e) return -2;
    return e.expiresAt === undefined ? -1 : e.expiresAt - this.now();
  }
  async incr(key: string, by = 1): Promise<number> {
    this.check();
    return this.ops.incrby(key, by);
  }
  async hget(key: string, field: string): Promise<string | null> {
    this.check();
    return this.ops.hget(key, field);
  }
  async hset(key: string, fields: Record<string, string>): Promise<void> {
    this.check();
    for (const [f, v] of Object.entries(fields)) this.ops.hset(key, f, v);
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    this.check();
    return this.ops.hgetall(key);
  }
  async hdel(key: string, ...fields: string[]): Promise<number> {
    this.check();
    return fields.reduce((n, f) => n + this.ops.hdel(key, f), 0);
  }
  async *scan(prefix: string): AsyncIterable<string> {
    this.check();
    for (const k of [...this.data.keys()]) if (k.startsWith(prefix) && this.entry(k)) yield k;
  }
  async run<T extends ScriptValue>(
    script: StoreScript<T>,
    keys: string[],
    args: (string | number)[],
  ): Promise<T> {
    this.check();
    return script.memory(this.ops, keys, args.map(String));
  }
  async ping(): Promise<void> {
    this.check();
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}
