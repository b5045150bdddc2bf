// Fault injection rules (PUT /__emulator/faults) and the pure decision of what one request suffers.
import { z } from 'zod';

export const FaultRuleSchema = z
  .object({
    /** Glob on the request path (no query): `*` matches any characters, including `/`. */
    path: z.string().min(1).default('*'),
    method: z.string().toUpperCase().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    errorStatus: z.number().int().min(400).max(599).default(503),
    /** Share of requests whose connection is dropped before they are processed. */
    dropRate: z.number().min(0).max(1).optional(),
    /** Share of requests processed (the change happens) whose connection is then dropped unanswered. */
    dropAfterRate: z.number().min(0).max(1).optional(),
    /** Share of requests that hang for timeoutMs, then lose their connection. */
    timeoutRate: z.number().min(0).max(1).optional(),
    timeoutMs: z.number().int().min(0).max(600_000).default(30_000),
    /** Share of requests answered 429 (outside the real per-token limit). */
    rate429: z.number().min(0).max(1).optional(),
    /** Every matching request is answered 429 for this many seconds from the PUT. */
    storm429Seconds: z.number().positive().max(3600).optional(),
    retryAfterSeconds: z.number().int().min(1).max(3600).default(1),
    /** The rule acts on at most this many requests, then stays inert. */
    times: z.number().int().positive().optional(),
  })
  .strict();

export const FaultsSchema = z.object({ rules: z.array(FaultRuleSchema).max(100) }).strict();

export type FaultRule = z.infer<typeof FaultRuleSchema>;

interface ActiveRule {
  rule: FaultRule;
  re: RegExp;
  stormUntil: number;
  used: number;
}

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'error'; status: number }
  | { kind: 'tooMany'; retryAfterSeconds: number }
  | { kind: 'drop' }
  | { kind: 'dropAfter' }
  | { kind: 'timeout'; ms: number };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
}

const NONE: FaultDecision = { latencyMs: 0, action: { kind: 'none' } };

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class FaultSet {
  private active: ActiveRule[] = [];

  set(rules: FaultRule[], now = Date.now()): void {
    this.active = rules.map((rule) => ({
      rule,
      re: globToRegExp(rule.path),
      stormUntil: rule.storm429Seconds ? now + rule.storm429Seconds * 1000 : 0,
      used: 0,
    }));
  }

  clear(): void {
    this.active = [];
  }

  get empty(): boolean {
    return this.active.length === 0;
  }

  describe(now = Date.now()): unknown {
    return {
      rules: this.active.map((a) => ({
        ...a.rule,
        used: a.used,
        ...(a.stormUntil ? { stormRemainingSeconds: Math.max(0, (a.stormUntil - now) / 1000) } : {}),
      })),
    };
  }

  decide(method: string, path: string, now = Date.now(), rand: () => number = Math.random): FaultDecision {
    if (this.active.length === 0) return NONE;
    let latencyMs = 0;
    for (const a of this.active) {
      const r = a.rule;
      if ((r.method && r.method !== method) || !a.re.test(path)) continue;
      if (r.times !== undefined && a.used >= r.times) continue;
      latencyMs += r.latencyMs ?? 0;
      const action = pick(a, now, rand);
      if (action.kind !== 'none') {
        a.used++;
        return { latencyMs, action };
      }
      if (r.latencyMs) a.used++;
    }
    return latencyMs ? { latencyMs, action: { kind: 'none' } } : NONE;
  }
}

function pick(a: ActiveRule, now: number, rand: () => number): FaultAction {
  const r = a.rule;
  if (a.stormUntil > now) return { kind: 'tooMany', retryAfterSeconds: r.retryAfterSeconds };
  if (r.rate429 && rand() < r.rate429) return { kind: 'tooMany', retryAfterSeconds: r.retryAfterSeconds };
  if (r.dropRate && rand() < r.dropRate) return { kind: 'drop' };
  if (r.timeoutRate && rand() < r.timeoutRate) return { kind: 'timeout', ms: r.timeoutMs };
  if (r.errorRate && rand() < r.errorRate) return { kind: 'error', status: r.errorStatus };
  if (r.dropAfterRate && rand() < r.dropAfterRate) return { kind: 'dropAfter' };
  return { kind: 'none' };
}
