// `GET /api/v1/plan` must not amplify (issue 16): ten concurrent `?full=true` requests listed the org ten
// times. Concurrent requests for the same plan share one computation, and a finished plan is served again
// for `ttlMs`. Pure apart from the promise it holds; the clock is injected.

export type PreviewSource = 'computed' | 'coalesced' | 'cached';

interface Entry<T> {
  promise: Promise<T>;
  /** When the computation finished; undefined while it runs. */
  doneAt?: number;
}

export class PreviewCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: { now(): number } = Date,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; source: PreviewSource }> {
    const e = this.entries.get(key);
    if (e && e.doneAt === undefined) return { value: await e.promise, source: 'coalesced' };
    if (e && e.doneAt !== undefined && this.clock.now() - e.doneAt < this.ttlMs)
      return { value: await e.promise, source: 'cached' };
    const entry: Entry<T> = { promise: compute() };
    this.entries.set(key, entry);
    try {
      const value = await entry.promise;
      entry.doneAt = this.clock.now();
      return { value, source: 'computed' };
    } catch (err) {
      // A failure is not kept: the next request tries again.
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw err;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
