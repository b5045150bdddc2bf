// Retry timing: exponential backoff with full jitter, capped, and never shorter than a 429's Retry-After.

export interface BackoffOptions {
  /** First retry waits up to this long (ms). */
  baseMs: number;
  /** No retry waits longer than this (ms), Retry-After aside. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 20_000 };

/**
 * Delay before retry number `attempt` (1 = the first retry): uniformly random in
 * [0, min(maxMs, baseMs·2^(attempt-1))] ("full jitter", so that many clients retrying together spread
 * out), but at least `retryAfterMs` when the server said so.
 */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
