// Creating without duplicates. A create that failed ambiguously (timeout, 5xx, dropped connection) may
// have happened anyway; repeating it blindly makes a second skill, queue or user (or a "name taken"
// error). So: after an ambiguous failure, or a conflict, look the object up by its unique key (name,
// externalId) and only create again when it is truly absent. Reads may lag writes (the platform is
// eventually consistent): after a conflict the object exists, so the look-up is repeated a few times
// until it shows.
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { CloudApiError } from './errors.ts';

export interface CreateOnceOptions<T> {
  /** Sends the create (the transport never repeats it after an ambiguous failure). */
  create: () => Promise<T>;
  /** Looks the object up by its unique key; undefined when absent. */
  find: () => Promise<T | undefined>;
  /** Creates tried in all (default 4). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Look up before the first create as well (default false: the callers usually just did). */
  findFirst?: boolean;
  /** How long to keep looking after a conflict (default 10 s), the object not being visible yet. */
  findForMs?: number;
}

/** Statuses with which the API says "that name/key is already taken". */
const CONFLICT = new Set([409]);

function isConflict(err: CloudApiError): boolean {
  if (CONFLICT.has(err.status)) return true;
  // Several endpoints answer a duplicate name with 400 and a code or message that says so.
  return (
    err.status === 400 &&
    /duplicate|already exists|not unique|unique|conflict|taken/i.test(`${err.code} ${err.apiMessage}`)
  );
}

export async function createOnce<T>(opts: CreateOnceOptions<T>): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 4;
  if (opts.findFirst) {
    const existing = await opts.find();
    if (existing !== undefined) return existing;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await opts.create();
    } catch (err) {
      if (!(err instanceof CloudApiError)) throw err;
      const conflict = isConflict(err);
      if (!err.ambiguous && !conflict) throw err;
      const found = conflict ? await findLagging(opts) : await opts.find();
      if (found !== undefined) return found;
      if (conflict || attempt >= maxAttempts) throw err;
      await sleep(backoffDelay(attempt, opts.backoff));
    }
  }
}

/** The look-up after a conflict: the object exists, but a read may not show it yet. */
async function findLagging<T>(opts: CreateOnceOptions<T>): Promise<T | undefined> {
  const until = Date.now() + (opts.findForMs ?? 10_000);
  for (let n = 0; ; n++) {
    const found = await opts.find();
    if (found !== undefined || Date.now() >= until) return found;
    await sleep(Math.min(1000, Math.max(50, opts.backoff?.baseMs ?? 250) * 2 ** n));
  }
}
