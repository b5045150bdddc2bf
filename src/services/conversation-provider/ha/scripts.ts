// The conversation provider's atomic Redis steps (docs/conversation-provider.md, "High availability"):
// Lua for Redis and the same logic in TypeScript for the in-memory store. Nothing here is read, changed
// and written back from TypeScript: every step that decides (append once, take the lease, commit under
// the fencing token, acknowledge what was sent) is one script.
import type { ScriptOps, StoreScript } from '../../../store/index.ts';

const LEASE_TOKEN_LUA = `
local function lease_token(key)
  local cur = redis.call('GET', key)
  if not cur then return nil end
  return tonumber(string.match(cur, '|(%d+)$'))
end`;

function leaseToken(ops: ScriptOps, key: string): number | undefined {
  const cur = ops.get(key);
  const m = cur === null ? null : /\|(\d+)$/.exec(cur);
  return m ? Number(m[1]) : undefined;
}

const at = (list: readonly string[], i: number): string => {
  const v = list[i];
  if (v === undefined) throw new Error(`script argument ${i + 1} is missing`);
  return v;
};

/**
 * Appends events to the inbox, each only the first time its identity is seen (by either instance).
 * KEYS: inbox, inboxSeq, seen bucket 1..n. ARGV: seenTtlMs, then (bucket index 1..n, identity, payload)
 * per event. Returns [appended, last inbox sequence number].
 */
export const appendInbox: StoreScript<number[]> = {
  name: 'excp-append-inbox',
  lua: `
local ttl = tonumber(ARGV[1])
local n = 0
local touched = {}
for i = 2, #ARGV, 3 do
  local sk = KEYS[2 + tonumber(ARGV[i])]
  if redis.call('HSETNX', sk, ARGV[i + 1], '1') == 1 then
    local seq = redis.call('INCR', KEYS[2])
    redis.call('HSET', KEYS[1], seq, ARGV[i + 2])
    n = n + 1
  end
  touched[sk] = true
end
for sk in pairs(touched) do redis.call('PEXPIRE', sk, ttl) end
return {n, tonumber(redis.call('GET', KEYS[2]) or '0')}`,
  memory(ops, keys, args) {
    const ttl = Number(at(args, 0));
    let n = 0;
    const touched = new Set<string>();
    for (let i = 1; i < args.length; i += 3) {
      const sk = at(keys, 1 + Number(at(args, i)));
      const id = at(args, i + 1);
      if (ops.hget(sk, id) === null) {
        ops.hset(sk, id, '1');
        const seq = ops.incrby(at(keys, 1), 1);
        ops.hset(at(keys, 0), String(seq), at(args, i + 2));
        n++;
      }
      touched.add(sk);
    }
    for (const sk of touched) ops.pexpire(sk, ttl);
    return [n, Number(ops.get(at(keys, 1)) ?? '0')];
  },
};

/**
 * Reads inbox entries from a sequence number on. KEYS: inbox, inboxSeq. ARGV: first seq, max entries.
 * Returns [last inbox seq, seq, payload, seq, payload, …] (entries already removed are skipped).
 */
export const readInbox: StoreScript<(number | string)[]> = {
  name: 'excp-read-inbox',
  lua: `
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local from = tonumber(ARGV[1])
local upto = math.min(last, from + tonumber(ARGV[2]) - 1)
local out = {last}
for seq = from, upto do
  local p = redis.call('HGET', KEYS[1], seq)
  if p then
    out[#out + 1] = seq
    out[#out + 1] = p
  end
end
return out`,
  memory(ops, keys, args) {
    const last = Number(ops.get(at(keys, 1)) ?? '0');
    const from = Number(at(args, 0));
    const upto = Math.min(last, from + Number(at(args, 1)) - 1);
    const out: (number | string)[] = [last];
    for (let seq = from; seq <= upto; seq++) {
      const p = ops.hget(at(keys, 0), String(seq));
      if (p !== null) out.push(seq, p);
    }
    return out;
  },
};

/**
 * Takes or renews the processing lease. KEYS: lease, leaseToken. ARGV: owner, ttlMs. Returns the
 * fencing token (a new one each time the lease changes hands), or 0 while another owner holds it.
 */
export const takeLease: StoreScript<number> = {
  name: 'excp-take-lease',
  lua: `
local cur = redis.call('GET', KEYS[1])
if cur then
  local owner, tok = string.match(cur, '^(.*)|(%d+)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(tok)
  end
  return 0
end
local tok = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. tok, 'PX', ARGV[2])
return tok`,
  memory(ops, keys, args) {
    const cur = ops.get(at(keys, 0));
    if (cur !== null) {
      const m = /^(.*)\|(\d+)$/.exec(cur);
      if (m && m[1] === at(args, 0)) {
        ops.pexpire(at(keys, 0), Number(at(args, 1)));
        return Number(m[2]);
      }
      return 0;
    }
    const tok = ops.incrby(at(keys, 1), 1);
    ops.set(at(keys, 0), `${at(args, 0)}|${tok}`, Number(at(args, 1)));
    return tok;
  },
};

/** Gives the lease up (a clean stop), only if this owner holds it. KEYS: lease. ARGV: owner. Returns 1/0. */
export const releaseLease: StoreScript<number> = {
  name: 'excp-release-lease',
  lua: `
local cur = redis.call('GET', KEYS[1])
if cur and string.match(cur, '^(.*)|%d+$') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`,
  memory(ops, keys, args) {
    const cur = ops.get(at(keys, 0));
    if (cur !== null && /^(.*)\|\d+$/.exec(cur)?.[1] === at(args, 0)) {
      ops.del(at(keys, 0));
      return 1;
    }
    return 0;
  },
};

/** What one commit writes (see commitStep). */
export interface CommitWrite {
  token: number;
  /** Inbox entries processed, from..to inclusive (to < from: none). */
  from: number;
  to: number;
  chains: { set: [string, string][]; del: string[] };
  aliases: { set: [string, string][]; del: string[] };
  dns: { set: [string, string][]; del: string[] };
  /** Outbox payloads, in order. */
  out: string[];
}

export function commitArgs(w: CommitWrite): string[] {
  const pairs = (p: [string, string][]) => p.flat();
  return [
    String(w.token),
    String(w.from),
    String(w.to),
    String(w.chains.set.length),
    String(w.chains.del.length),
    String(w.aliases.set.length),
    String(w.aliases.del.length),
    String(w.dns.set.length),
    String(w.dns.del.length),
    String(w.out.length),
    ...pairs(w.chains.set),
    ...w.chains.del,
    ...pairs(w.aliases.set),
    ...w.aliases.del,
    ...pairs(w.dns.set),
    ...w.dns.del,
    ...w.out,
  ];
}

/**
 * Commits one processed batch under the fencing token: the tracker keys it touched, its outgoing events
 * (appended to the outbox) and the inbox cursor, all or nothing.
 * KEYS: lease, inbox, cursor, chains, aliases, dns, outbox, outboxSeq. ARGV: commitArgs(…).
 * Returns [first outbox seq given out (0: none), count], or [-1, 0] when the token is no longer current.
 */
export const commitStep: StoreScript<number[]> = {
  name: 'excp-commit-step',
  lua: `${LEASE_TOKEN_LUA}
if lease_token(KEYS[1]) ~= tonumber(ARGV[1]) then return {-1, 0} end
local from, upto = tonumber(ARGV[2]), tonumber(ARGV[3])
for seq = from, upto do redis.call('HDEL', KEYS[2], seq) end
if upto >= from then redis.call('SET', KEYS[3], upto) end
local i = 11
local function sets(key, n)
  for _ = 1, n do
    redis.call('HSET', key, ARGV[i], ARGV[i + 1])
    i = i + 2
  end
end
local function dels(key, n)
  for _ = 1, n do
    redis.call('HDEL', key, ARGV[i])
    i = i + 1
  end
end
sets(KEYS[4], tonumber(ARGV[4]))
dels(KEYS[4], tonumber(ARGV[5]))
sets(KEYS[5], tonumber(ARGV[6]))
dels(KEYS[5], tonumber(ARGV[7]))
sets(KEYS[6], tonumber(ARGV[8]))
dels(KEYS[6], tonumber(ARGV[9]))
local nout = tonumber(ARGV[10])
local first = 0
for k = 1, nout do
  local seq = redis.call('INCR', KEYS[8])
  if k == 1 then first = seq end
  redis.call('HSET', KEYS[7], seq, ARGV[i])
  i = i + 1
end
return {first, nout}`,
  memory(ops, keys, args) {
    if (leaseToken(ops, at(keys, 0)) !== Number(at(args, 0))) return [-1, 0];
    const from = Number(at(args, 1));
    const upto = Number(at(args, 2));
    for (let seq = from; seq <= upto; seq++) ops.hdel(at(keys, 1), String(seq));
    if (upto >= from) ops.set(at(keys, 2), String(upto));
    let i = 10;
    const sets = (key: string, n: number) => {
      for (let k = 0; k < n; k++, i += 2) ops.hset(key, at(args, i), at(args, i + 1));
    };
    const dels = (key: string, n: number) => {
      for (let k = 0; k < n; k++, i++) ops.hdel(key, at(args, i));
    };
    sets(at(keys, 3), Number(at(args, 3)));
    dels(at(keys, 3), Number(at(args, 4)));
    sets(at(keys, 4), Number(at(args, 5)));
    dels(at(keys, 4), Number(at(args, 6)));
    sets(at(keys, 5), Number(at(args, 7)));
    dels(at(keys, 5), Number(at(args, 8)));
    const nout = Number(at(args, 9));
    let first = 0;
    for (let k = 0; k < nout; k++, i++) {
      const seq = ops.incrby(at(keys, 7), 1);
      if (k === 0) first = seq;
      ops.hset(at(keys, 6), String(seq), at(args, i));
    }
    return [first, nout];
  },
};

/**
 * Notes that a request carrying these outbox events is about to go out, under the fencing token: if the
 * sender dies before the answer, the next lease holder knows they are in doubt (sender/in-doubt.ts).
 * KEYS: lease, sending. ARGV: token, mark (`<sent at ms>|<request id>`), outbox seqs. Returns how many, or
 * -1 when fenced off.
 */
export const markSending: StoreScript<number> = {
  name: 'excp-mark-sending',
  lua: `${LEASE_TOKEN_LUA}
if lease_token(KEYS[1]) ~= tonumber(ARGV[1]) then return -1 end
for i = 3, #ARGV do redis.call('HSET', KEYS[2], ARGV[i], ARGV[2]) end
return #ARGV - 2`,
  memory(ops, keys, args) {
    if (leaseToken(ops, at(keys, 0)) !== Number(at(args, 0))) return -1;
    for (let i = 2; i < args.length; i++) ops.hset(at(keys, 1), at(args, i), at(args, 1));
    return args.length - 2;
  },
};

/**
 * Removes answered events from the outbox (and their in-flight marks) under the fencing token.
 * KEYS: lease, outbox, sending. ARGV: token, outbox seqs. Returns how many were removed, or -1 when the
 * token is no longer current.
 */
export const ackOutbox: StoreScript<number> = {
  name: 'excp-ack-outbox',
  lua: `${LEASE_TOKEN_LUA}
if lease_token(KEYS[1]) ~= tonumber(ARGV[1]) then return -1 end
local n = 0
for i = 2, #ARGV do
  n = n + redis.call('HDEL', KEYS[2], ARGV[i])
  redis.call('HDEL', KEYS[3], ARGV[i])
end
return n`,
  memory(ops, keys, args) {
    if (leaseToken(ops, at(keys, 0)) !== Number(at(args, 0))) return -1;
    let n = 0;
    for (let i = 1; i < args.length; i++) {
      n += ops.hdel(at(keys, 1), at(args, i));
      ops.hdel(at(keys, 2), at(args, i));
    }
    return n;
  },
};
