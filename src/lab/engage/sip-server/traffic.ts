// Live traffic: new calls at a set rate (calls per second), each a scenario drawn from a weighted mix.
// Agents on a call are kept busy until its last event so that the next calls pick other agents.
import { isScenarioName, SCENARIO_NAMES, type ScenarioName, type ScenarioResult } from './scenarios/index.ts';

export type Mix = Partial<Record<ScenarioName, number>>;

const SUPPORTED_COUNT = 17;

/** The default mix: mostly plain answered calls, every supported flow, a few unsupported ones. */
export function defaultMix(): Mix {
  const mix: Mix = {};
  SCENARIO_NAMES.forEach((n, i) => (mix[n] = i < SUPPORTED_COUNT ? 3 : 1));
  mix['answered-caller-hangs-up'] = 12;
  mix['answered-agent-hangs-up'] = 8;
  return mix;
}

/**
 * A mix from the CLI or the admin API: `"name:weight,name"`, `"all"`, `"supported"`, a list of names or an
 * object of weights. Throws with the offending entry on an unknown name or a bad weight.
 */
export function parseMix(input: unknown): Mix {
  if (input === undefined || input === null || input === '' || input === 'default') return defaultMix();
  if (input === 'all') return Object.fromEntries(SCENARIO_NAMES.map((n) => [n, 1]));
  if (input === 'supported')
    return Object.fromEntries(SCENARIO_NAMES.slice(0, SUPPORTED_COUNT).map((n) => [n, 1]));
  let entries: [string, unknown][];
  if (typeof input === 'string') {
    entries = input
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [name, w] = s.split(':').map((x) => x.trim());
        return [name ?? '', w === undefined ? 1 : w === '' ? NaN : Number(w)];
      });
  } else if (Array.isArray(input)) entries = input.map((n) => [String(n), 1]);
  else if (typeof input === 'object') entries = Object.entries(input as Record<string, unknown>);
  else throw new Error('mix: expected "name:weight,…", a list of names or an object of weights');
  const mix: Mix = {};
  for (const [name, w] of entries) {
    if (!isScenarioName(name)) throw new Error(`mix: unknown scenario "${name}"`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
      throw new Error(`mix: bad weight for "${name}"`);
    mix[name] = w;
  }
  if (!Object.values(mix).some((w) => (w ?? 0) > 0)) throw new Error('mix: every weight is zero');
  return mix;
}

export function pickScenario(mix: Mix, r: number): ScenarioName {
  const entries = Object.entries(mix).filter(([, w]) => (w ?? 0) > 0) as [ScenarioName, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [name, w] of entries) {
    x -= w;
    if (x < 0) return name;
  }
  return entries[entries.length - 1]![0];
}

const TICK_MS = 100;

/** Starts calls at `caps` per second through `start`; `setRate` changes the rate and the mix. */
export class TrafficDriver {
  private timer: NodeJS.Timeout | undefined;
  private credit = 0;
  private last = 0;
  private readonly busyUntil = new Map<string, number>();
  started = 0;

  constructor(
    private readonly start: (name: ScenarioName, busy: ReadonlySet<string>) => ScenarioResult,
    public caps = 0,
    public mix: Mix = defaultMix(),
  ) {}

  setRate(caps: number, mix?: Mix): void {
    if (!Number.isFinite(caps) || caps < 0)
      throw new Error('caps: expected a number of calls per second ≥ 0');
    this.caps = caps;
    if (mix) this.mix = mix;
    if (caps > 0 && !this.timer) {
      this.last = Date.now();
      this.timer = setInterval(() => this.tick(), TICK_MS);
    } else if (caps === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.credit = 0;
  }

  /** Extensions on a call now (a call played by hand picks other agents). */
  busyNow(nowUs = Date.now() * 1000): Set<string> {
    for (const [ext, until] of this.busyUntil) if (until <= nowUs) this.busyUntil.delete(ext);
    return new Set(this.busyUntil.keys());
  }

  /** Keeps the call's extensions busy until its last event. */
  occupy(r: ScenarioResult, busy?: Set<string>): void {
    const end = r.events[r.events.length - 1]?.atUs ?? Date.now() * 1000;
    for (const ext of r.extensions) {
      busy?.add(ext);
      this.busyUntil.set(ext, Math.max(end, this.busyUntil.get(ext) ?? 0));
    }
  }

  private tick(): void {
    const now = Date.now();
    this.credit += ((now - this.last) / 1000) * this.caps;
    this.last = now;
    const busy = this.busyNow(now * 1000);
    while (this.credit >= 1) {
      this.credit -= 1;
      this.occupy(this.start(pickScenario(this.mix, Math.random()), busy), busy);
      this.started++;
    }
  }
}
