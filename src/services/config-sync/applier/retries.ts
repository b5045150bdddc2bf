// Poison objects (issue 16): an object whose operations the cloud refuses is retried with exponential
// backoff of its own, while every other object goes on syncing; a failure no longer makes the next pass
// a full re-read of the org. Pure: the time comes from an injected clock, so the delays are tested exactly.
import type { PlanOp } from '../planner/types.ts';

export interface RetryPolicy {
  /** Delay after the first failure; doubled after each further one. */
  baseMs: number;
  /** The longest delay. */
  maxMs: number;
}

/** 5 s, 10 s, 20 s … up to 15 minutes: a refused name costs a few calls an hour, not 298 a minute. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

export type SyncObjectType = 'source' | 'skill' | 'wrapupCode' | 'queue' | 'user';

/** The org object an operation acts on: operations of one object are held back together. */
export interface SyncObject {
  key: string;
  type: SyncObjectType;
  name: string;
}

export interface FailingObject extends SyncObject {
  error: string;
  attempts: number;
  firstFailedAt: number;
  nextRetryAt: number;
}

export function objectOf(op: PlanOp): SyncObject {
  switch (op.op) {
    case 'createSource':
    case 'linkSource':
      return { key: 'source', type: 'source', name: op.name };
    case 'createSkill':
    case 'linkSkill':
      return { key: `skill:${op.dbid}`, type: 'skill', name: op.name };
    case 'createWrapupCode':
    case 'linkWrapupCode':
      return { key: `wrapupCode:${op.name}`, type: 'wrapupCode', name: op.name };
    case 'createQueue':
    case 'linkQueue':
    case 'updateQueue':
      return { key: `queue:${op.queue.dnDbid}`, type: 'queue', name: op.queue.name };
    case 'retireQueue':
      return { key: `queue:${op.dnDbid}`, type: 'queue', name: op.name };
    case 'addMembers':
    case 'removeMembers':
    case 'addQueueWrapupCodes':
      return { key: `queue:${op.dnDbid}`, type: 'queue', name: op.queueName };
    case 'createUser':
    case 'linkUser':
    case 'updateUser':
      return { key: `user:${op.user.personDbid}`, type: 'user', name: op.user.userName };
    case 'deactivateUser':
    case 'setUserSkills':
      return { key: `user:${op.personDbid}`, type: 'user', name: op.userName };
  }
}

export function delayAfter(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export class RetryBook {
  private readonly failing = new Map<string, FailingObject>();

  constructor(
    private readonly clock: { now(): number },
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  failed(o: SyncObject, error: string): FailingObject {
    const now = this.clock.now();
    const prev = this.failing.get(o.key);
    const attempts = (prev?.attempts ?? 0) + 1;
    const entry: FailingObject = {
      ...o,
      error,
      attempts,
      firstFailedAt: prev?.firstFailedAt ?? now,
      nextRetryAt: now + delayAfter(attempts, this.policy),
    };
    this.failing.set(o.key, entry);
    return entry;
  }

  succeeded(key: string): void {
    this.failing.delete(key);
  }

  /** Whether the object's operations wait for their next retry. */
  isHeld(key: string): boolean {
    const f = this.failing.get(key);
    return f !== undefined && this.clock.now() < f.nextRetryAt;
  }

  /** When the earliest held object is due again; undefined when nothing is failing. */
  nextDueAt(): number | undefined {
    let at: number | undefined;
    for (const f of this.failing.values()) if (at === undefined || f.nextRetryAt < at) at = f.nextRetryAt;
    return at;
  }

  list(): FailingObject[] {
    return [...this.failing.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}

/**
 * The plan without the operations of held objects. A held wrap-up code is also left out of the queues'
 * wrap-up code operations (it has no cloud id to assign yet), so they do not rewrite the store each pass.
 */
export function holdBack(ops: readonly PlanOp[], book: RetryBook): { ops: PlanOp[]; held: number } {
  const out: PlanOp[] = [];
  let held = 0;
  for (const op of ops) {
    if (book.isHeld(objectOf(op).key)) {
      held++;
      continue;
    }
    if (op.op !== 'addQueueWrapupCodes') {
      out.push(op);
      continue;
    }
    const names = op.names.filter((n) => !book.isHeld(`wrapupCode:${n}`));
    if (names.length) out.push({ ...op, names });
  }
  return { ops: out, held };
}
