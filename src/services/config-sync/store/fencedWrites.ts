// The mapping store's writes as fenced store scripts: each checks, in the same atomic step as the write,
// that the writer lease still holds the value this instance acquired (token and holder), then writes and
// bumps the version. A replica that lost the lease (paused, partitioned, or simply the standby) writes
// nothing. Lua for Redis, the same logic in TypeScript for the in-memory store.
import type { StoreScript } from '../../../store/types.ts';

/** What a fenced script returns when the lease is not (or no longer) ours. */
export const NOT_HOLDER = -1;

export class FencedOutError extends Error {
  override readonly name = 'FencedOutError';
}

/**
 * KEYS: lease, version, hash. ARGV: the lease value we hold, n, n field/value pairs to set, then fields to
 * delete. Returns the new version, or NOT_HOLDER.
 */
export const fencedHashWrite: StoreScript<number> = {
  name: 'excs-fenced-hash-write',
  lua: `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] then return ${NOT_HOLDER} end
    local n = tonumber(ARGV[2])
    for i = 3, 2 + 2 * n, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
    for i = 3 + 2 * n, #ARGV do redis.call('HDEL', KEYS[3], ARGV[i]) end
    return redis.call('INCR', KEYS[2])`,
  memory(ops, [lease, version, hash], [held, count, ...rest]) {
    if (ops.get(lease as string) !== held) return NOT_HOLDER;
    const n = Number(count);
    for (let i = 0; i < 2 * n; i += 2) ops.hset(hash as string, rest[i] as string, rest[i + 1] as string);
    for (const field of rest.slice(2 * n)) ops.hdel(hash as string, field);
    return ops.incrby(version as string, 1);
  },
};

/** KEYS: lease, version, then the keys to delete. ARGV: the lease value we hold. New version or NOT_HOLDER. */
export const fencedDelete: StoreScript<number> = {
  name: 'excs-fenced-delete',
  lua: `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] then return ${NOT_HOLDER} end
    for i = 3, #KEYS do redis.call('DEL', KEYS[i]) end
    return redis.call('INCR', KEYS[2])`,
  memory(ops, [lease, version, ...doomed], [held]) {
    if (ops.get(lease as string) !== held) return NOT_HOLDER;
    for (const k of doomed) ops.del(k);
    return ops.incrby(version as string, 1);
  },
};
