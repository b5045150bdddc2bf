// A lease in the store with a fencing token: at most one holder at a time, and every acquisition gets a
// token larger than any before it. The lease's value is `<token> <holder>`; writes that must come from the
// holder only are store scripts that compare it with what the writer believes it holds (a `Fence`), so a
// holder that paused past its lease (GC, a frozen VM) cannot write once another has taken over.
import type { StateStore, StoreScript } from './types.ts';

export interface LeaseHolder {
  token: number;
  holder: string;
}

/** What a fenced write checks: the lease key and the value it must hold (null: we hold nothing). */
export interface Fence {
  readonly key: string;
  value(): string | null;
}

export function leaseValue(h: LeaseHolder): string {
  return `${h.token} ${h.holder}`;
}

export function parseLease(v: string | null): LeaseHolder | null {
  if (v === null) return null;
  const sp = v.indexOf(' ');
  const token = Number(v.slice(0, sp));
  if (sp < 1 || !Number.isInteger(token)) return null;
  return { token, holder: v.slice(sp + 1) };
}

/**
 * KEYS: lease, token counter. ARGV: holder, ttl ms. Takes the lease when free (a new token), extends it
 * when ours; returns the lease's value afterwards (another holder's when it is not ours).
 */
const acquireOrRenew: StoreScript<string> = {
  name: 'lease-acquire-or-renew',
  lua: `
    local cur = redis.call('GET', KEYS[1])
    if cur == false then
      local token = redis.call('INCR', KEYS[2])
      cur = token .. ' ' .. ARGV[1]
      redis.call('SET', KEYS[1], cur, 'PX', ARGV[2])
      return cur
    end
    local sp = string.find(cur, ' ', 1, true)
    if sp and string.sub(cur, sp + 1) == ARGV[1] then
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
    end
    return cur`,
  memory(ops, [lease, counter], [holder, ttl]) {
    const cur = ops.get(lease as string);
    if (cur === null) {
      const next = `${ops.incrby(counter as string, 1)} ${holder}`;
      ops.set(lease as string, next, Number(ttl));
      return next;
    }
    if (parseLease(cur)?.holder === holder) ops.pexpire(lease as string, Number(ttl));
    return cur;
  },
};

/** KEYS: lease. ARGV: the value we hold. Deletes the lease only when it is still ours. */
const release: StoreScript<number> = {
  name: 'lease-release',
  lua: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
    return 0`,
  memory(ops, [lease], [held]) {
    return ops.get(lease as string) === held ? ops.del(lease as string) : 0;
  },
};

export class Lease implements Fence {
  private held: LeaseHolder | null = null;

  constructor(
    private readonly store: StateStore,
    readonly key: string,
    private readonly counterKey: string,
    readonly holder: string,
    readonly ttlMs: number,
  ) {}

  /** Takes or extends the lease; returns whoever holds it now (us or another), null when nobody does. */
  async acquireOrRenew(): Promise<LeaseHolder | null> {
    const now = parseLease(
      await this.store.run(acquireOrRenew, [this.key, this.counterKey], [this.holder, this.ttlMs]),
    );
    this.held = now?.holder === this.holder ? now : null;
    return now;
  }

  /** The token we hold, if any (as of the last acquireOrRenew). */
  get token(): number | null {
    return this.held?.token ?? null;
  }

  value(): string | null {
    return this.held ? leaseValue(this.held) : null;
  }

  /** Stops holding it: locally at once, in the store when it is still ours. */
  async release(): Promise<void> {
    const held = this.value();
    this.held = null;
    if (held !== null) await this.store.run(release, [this.key], [held]);
  }

  /** Forgets the lease locally (it lapsed or another took it); fenced writes fail from now on. */
  drop(): void {
    this.held = null;
  }
}
