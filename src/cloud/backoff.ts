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

/** Waits `ms`; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
