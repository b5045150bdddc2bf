// Start-up that either completes or fails within a bounded time, so that a restart policy acts on a
// service that cannot start (issue 16: a wrong Redis password left `run excs` up with /status
// "in progress" forever). Pure helpers; runtime.ts uses them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { StateStore } from '../store/index.ts';

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Errors no retry will cure: the credentials are wrong. */
const FATAL_STORE = /WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username-password/i;

export function isFatalStoreError(message: string): boolean {
  return FATAL_STORE.test(message);
}

/** Resolves with `work`, or rejects with a StartupError naming `what` once `deadline` (epoch ms) passes. */
export async function beforeDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StartupError(`${what} did not complete in time`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for the state store to answer. Wrong credentials fail at once; an unreachable store is retried
 * until `deadline`, then fails naming the last error.
 */
export async function waitForStore(store: StateStore, deadline: number, retryMs = 250): Promise<void> {
  for (;;) {
    let last: string;
    try {
      await beforeDeadline(store.ping(), deadline, 'the Redis connection');
      return;
    } catch (err) {
      last = (err as Error).message;
    }
    if (isFatalStoreError(last)) throw new StartupError(`Redis refused the credentials: ${last}`);
    if (Date.now() + retryMs >= deadline) throw new StartupError(`Redis is not reachable: ${last}`);
    await sleep(retryMs);
  }
}
