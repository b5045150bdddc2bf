// Repeated warnings under abuse (50,000 bad Stat Server lines wrote 50,041 warnings, 9 MB in 2 s):
// the first `burst` occurrences of a kind in each window are logged, the rest only counted, and the count
// is logged once when the window closes. `RepeatCounter` is the pure core (the caller gives the time);
// `limitedWarn` is the shell that writes through a logger and closes windows on a timer.
import type { Logger } from './logger.ts';

export interface RepeatVerdict {
  /** Write this occurrence. */
  log: boolean;
}

interface Window {
  start: number;
  logged: number;
  suppressed: number;
}

export class RepeatCounter {
  private readonly windows = new Map<string, Window>();
  /** Occurrences seen, by kind, since creation (logged or not). */
  readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly burst = 5,
  ) {}

  note(kind: string, now: number): RepeatVerdict {
    this.seen.set(kind, (this.seen.get(kind) ?? 0) + 1);
    let w = this.windows.get(kind);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, logged: 0, suppressed: w?.suppressed ?? 0 };
      this.windows.set(kind, w);
    }
    if (w.logged < this.burst) {
      w.logged++;
      return { log: true };
    }
    w.suppressed++;
    return { log: false };
  }

  /** Counts not yet reported whose window has closed by `now` (all of them with `force`), then forgets them. */
  due(now: number, force = false): { kind: string; suppressed: number }[] {
    const out: { kind: string; suppressed: number }[] = [];
    for (const [kind, w] of this.windows) {
      if (!force && now - w.start < this.windowMs) continue;
      if (w.suppressed > 0) out.push({ kind, suppressed: w.suppressed });
      this.windows.delete(kind);
    }
    return out;
  }
}

export interface LimitedWarn {
  (kind: string, fields: Record<string, unknown>, msg: string): void;
  /** Logs the counts still pending (at stop). */
  flush(): void;
  /** Occurrences seen by kind, logged or not. */
  seen: ReadonlyMap<string, number>;
}

/** A warn() that logs at most `burst` lines per kind and window, then one line with the count. */
export function limitedWarn(
  logger: Logger,
  opts: { windowMs?: number; burst?: number; now?: () => number } = {},
): LimitedWarn {
  const windowMs = opts.windowMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const counter = new RepeatCounter(windowMs, opts.burst ?? 5);
  const messages = new Map<string, string>();
  const report = (force: boolean): void => {
    for (const { kind, suppressed } of counter.due(now(), force)) {
      logger.warn(
        { kind, suppressed, windowMs },
        `${messages.get(kind) ?? kind}: ${suppressed} more not logged in the last ${Math.round(windowMs / 1000)} s`,
      );
    }
  };
  const timer = setInterval(() => report(false), Math.max(10, Math.floor(windowMs / 2)));
  timer.unref();
  const warn = ((kind, fields, msg) => {
    messages.set(kind, msg);
    if (counter.note(kind, now()).log) logger.warn({ ...fields, kind }, msg);
  }) as LimitedWarn;
  warn.flush = () => report(true);
  warn.seen = counter.seen;
  return warn;
}
