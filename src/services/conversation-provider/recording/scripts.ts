// Recording injection's atomic store steps (Lua for Redis, the same logic in TypeScript for memory). The
// due list is a hash `chain key → "<due ms>|<version>"`: a segment reported while the conversation is
// being dispatched bumps the version, so the dispatcher's compare-and-finish leaves it due.
import type { ScriptOps, StoreScript } from '../../../store/index.ts';

const at = (list: readonly string[], i: number): string => {
  const v = list[i];
  if (v === undefined) throw new Error(`script argument ${i + 1} is missing`);
  return v;
};

function parseDue(v: string | null): { due: number; version: number } | undefined {
  const m = v === null ? null : /^(\d+)\|(\d+)$/.exec(v);
  return m ? { due: Number(m[1]), version: Number(m[2]) } : undefined;
}

const DUE_LUA = `
local function bump(due, field, at)
  local cur = redis.call('HGET', due, field)
  local d = tonumber(at)
  local v = 0
  if cur then
    local cd, cv = string.match(cur, '^(%d+)|(%d+)$')
    if cd then
      v = tonumber(cv) + 1
      if tonumber(cd) < d then d = tonumber(cd) end
    end
  end
  redis.call('HSET', due, field, string.format('%d|%d', d, v))
end`;

function bump(ops: ScriptOps, due: string, field: string, atMs: number): void {
  const cur = parseDue(ops.hget(due, field));
  const d = cur ? Math.min(cur.due, atMs) : atMs;
  ops.hset(due, field, `${d}|${cur ? cur.version + 1 : 0}`);
}

/**
 * Stores one segment against its conversation; when the conversation already ended, makes it due.
 * KEYS: segments, context, due. ARGV: chain key, segment id, segment JSON, ttl ms, due ms.
 * Returns 1 for a new segment, 0 for one reported again.
 */
export const putSegment: StoreScript<number> = {
  name: 'excp-rec-put-segment',
  lua: `${DUE_LUA}
local added = redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
if redis.call('EXISTS', KEYS[2]) == 1 then bump(KEYS[3], ARGV[1], ARGV[5]) end
return added`,
  memory(ops, keys, args) {
    const added = ops.hget(at(keys, 0), at(args, 1)) === null ? 1 : 0;
    ops.hset(at(keys, 0), at(args, 1), at(args, 2));
    ops.pexpire(at(keys, 0), Number(at(args, 3)));
    if (ops.exists(at(keys, 1))) bump(ops, at(keys, 2), at(args, 0), Number(at(args, 4)));
    return added;
  },
};

/**
 * Hands an ended conversation to the recording queue, once: its snapshot, its CallUUIDs, and a due time.
 * KEYS: context, due, then one key per CallUUID. ARGV: chain key, snapshot JSON, ttl ms, due ms.
 * Returns 1 when handed now, 0 when it already was.
 */
export const handOff: StoreScript<number> = {
  name: 'excp-rec-hand-off',
  lua: `${DUE_LUA}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', tonumber(ARGV[3]))
for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'PX', tonumber(ARGV[3])) end
bump(KEYS[2], ARGV[1], ARGV[4])
return 1`,
  memory(ops, keys, args) {
    if (ops.exists(at(keys, 0))) return 0;
    const ttl = Number(at(args, 2));
    ops.set(at(keys, 0), at(args, 1), ttl);
    for (let i = 2; i < keys.length; i++) ops.set(at(keys, i), at(args, 0), ttl);
    bump(ops, at(keys, 1), at(args, 0), Number(at(args, 3)));
    return 1;
  },
};

/**
 * The dispatcher's compare-and-finish: records what was sent, then — only if the due entry is still the
 * one it read — removes it (next due ms empty) or moves it to the next due ms, keeping its version.
 * KEYS: due, sent. ARGV: chain key, due value read, ttl ms, next due ms or '', sent ids…
 * Returns 1 when the due entry was changed, 0 when it had changed meanwhile.
 */
export const finishDue: StoreScript<number> = {
  name: 'excp-rec-finish',
  lua: `
for i = 5, #ARGV do redis.call('HSET', KEYS[2], ARGV[i], '1') end
if #ARGV >= 5 then redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3])) end
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[4] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  local v = string.match(ARGV[2], '|(%d+)$') or '0'
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4] .. '|' .. v)
end
return 1`,
  memory(ops, keys, args) {
    for (let i = 4; i < args.length; i++) ops.hset(at(keys, 1), at(args, i), '1');
    if (args.length >= 5) ops.pexpire(at(keys, 1), Number(at(args, 2)));
    if (ops.hget(at(keys, 0), at(args, 0)) !== at(args, 1)) return 0;
    if (at(args, 3) === '') ops.hdel(at(keys, 0), at(args, 0));
    else ops.hset(at(keys, 0), at(args, 0), `${at(args, 3)}|${/\|(\d+)$/.exec(at(args, 1))?.[1] ?? '0'}`);
    return 1;
  },
};

export { parseDue };
