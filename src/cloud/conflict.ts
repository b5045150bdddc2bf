// Optimistic-concurrency conflicts. The directory versions every user: a write that races another one
// (an administrator, another service) is refused with 409 "Unexpected version was provided", or with a
// 400 whose message says the version "does not match the current version" (Genesys's Terraform provider
// retries both on skills, languages and user PATCHes). Such a write was not made, so it is safe to make
// again: `retryConflicts` repeats `attempt` (which reads afresh whatever it builds on) a few times.
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { CloudApiError } from './errors.ts';

export function isVersionConflict(err: unknown): err is CloudApiError {
  if (!(err instanceof CloudApiError)) return false;
  if (err.status === 409) return true;
  return (
    err.status === 400 &&
    /invalidVers|does not match the current version/i.test(`${err.code} ${err.apiMessage}`)
  );
}

export interface RetryConflictsOptions {
  backoff: BackoffOptions;
  /** Tries in all (default 5). */
  attempts?: number;
  /** Also repeat after a 404 (a just-created role or division the auth service does not know yet). */
  retryNotFound?: boolean;
}

export async function retryConflicts<T>(attempt: () => Promise<T>, o: RetryConflictsOptions): Promise<T> {
  const attempts = o.attempts ?? 5;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const again =
        isVersionConflict(err) ||
        (o.retryNotFound === true && err instanceof CloudApiError && err.status === 404);
      if (!again || n >= attempts) throw err;
      await sleep(backoffDelay(n, o.backoff));
    }
  }
}
