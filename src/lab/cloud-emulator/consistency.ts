// Eventual consistency, opt-in (`--consistency-delay ms`). The real platform is asynchronous in places:
// queue membership changes are "processed asynchronously … query the GET endpoint after a delay"; users,
// roles and divisions can 404 right after they are created (Genesys's Terraform provider retries those).
// With a delay set, every write is applied at once (later writes see it, names stay unique) but reads
// lag: a created object is missing from GETs and lists until the delay has passed, a changed one shows
// its old view, and a role younger than the delay makes `bulkadd` answer 404 once. With 0, nothing lags.

interface StaleView {
  view: unknown;
  until: number;
}

export class Consistency {
  private readonly visibleAt = new Map<string, number>();
  private readonly stale = new Map<string, StaleView>();
  private readonly young = new Map<string, number>();

  constructor(
    readonly delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get on(): boolean {
    return this.delayMs > 0;
  }

  /** A new object: hidden from reads for the delay. */
  created(id: string): void {
    if (!this.on) return;
    const until = this.now() + this.delayMs;
    this.visibleAt.set(id, until);
  }

  /** A new role or division: visible, but unknown to grants (`bulkadd`) for the delay. */
  createdGrantable(id: string): void {
    if (this.on) this.young.set(id, this.now() + this.delayMs);
  }

  visible(id: string): boolean {
    if (!this.on) return true;
    const at = this.visibleAt.get(id);
    if (at === undefined) return true;
    if (at > this.now()) return false;
    this.visibleAt.delete(id);
    return true;
  }

  /** The visible ones of a listing. */
  filter<T extends { id: string }>(items: T[]): T[] {
    return this.on ? items.filter((x) => this.visible(x.id)) : items;
  }

  /** Before a write changes what `key` shows: its current view stays what reads see for the delay. */
  changing(key: string, currentView: () => unknown): void {
    if (!this.on) return;
    const now = this.now();
    const s = this.stale.get(key);
    if (s && s.until > now) return;
    this.stale.set(key, { view: currentView(), until: now + this.delayMs });
  }

  /** What a read of `key` sees: the remembered view while the delay runs, else the current one. */
  view<T>(key: string, current: () => T): T {
    if (!this.on) return current();
    const s = this.stale.get(key);
    if (!s) return current();
    if (s.until > this.now()) return s.view as T;
    this.stale.delete(key);
    return current();
  }

  /** True once for an object younger than the delay (the auth service cache has not seen it yet). */
  notYetKnown(id: string): boolean {
    const until = this.young.get(id);
    if (until === undefined) return false;
    this.young.delete(id);
    return until > this.now();
  }

  clear(): void {
    this.visibleAt.clear();
    this.stale.clear();
    this.young.clear();
  }
}
