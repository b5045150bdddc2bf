// Waiting for EXCS before starting the services that use it (seed 003 "Run EXEC Services for First
// Time": start EXCS, wait until `GET /status` shows syncStatus "Success", then EXAS and EXCP).
import { z } from 'zod';
import { UserError } from '../core/errors.ts';

const StatusBody = z.object({
  data: z.object({ syncStatus: z.object({ status: z.string() }) }),
});

export interface WaitOptions {
  pollMs: number;
  timeoutMs: number;
  onProgress?: (state: string) => void;
  fetch?: typeof fetch;
}

/** The syncStatus EXCS reports, or a short reason it could not be read. */
export async function readSyncStatus(url: string, f: typeof fetch = fetch): Promise<string> {
  try {
    const res = await f(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return `HTTP ${res.status}`;
    const parsed = StatusBody.safeParse(await res.json());
    return parsed.success ? parsed.data.data.syncStatus.status : 'an answer without data.syncStatus.status';
  } catch (err) {
    return `not answering (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name})`;
  }
}

export async function waitForExcsSuccess(url: string, o: WaitOptions): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  let last = '';
  for (;;) {
    const state = await readSyncStatus(url, o.fetch);
    if (state === 'Success') return;
    if (state !== last) o.onProgress?.(state);
    last = state;
    if (Date.now() + o.pollMs > deadline)
      throw new UserError(
        `EXCS did not report syncStatus Success within ${Math.round(o.timeoutMs / 1000)} s (last: ${state}) at ${url}; the services after it were not started (start them with --service once EXCS is synchronised)`,
      );
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
}
