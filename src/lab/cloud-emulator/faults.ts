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
    /** Share of requests answered 409 "Unexpected version was provided" (a concurrent directory write). */
    conflictRate: z.number().min(0).max(1).optional(),
    /** Events API: share of the events of a request answered `retryable: true` (not applied). */
    retryableEventRate: z.number().min(0).max(1).optional(),
    /** Share of requests whose token expires just before it is checked (401 credentials.expired). */
    expireTokenRate: z.number().min(0).max(1).optional(),
    /** Share of requests answered 429 (outside the real per-token limit). */
    rate429: z.number().min(0).max(1).optional(),
    /** Every matching request is answered 429 for this many seconds from the PUT. */
    storm429Seconds: z.number().positive().max(3600).optional(),
    retryAfterSeconds: z.number().int().min(1).max(3600).default(1),
    /** The rule acts on at most this many requests, then stays inert. */
    times: z.number().int().positive().optional(),
  })
  .strict();

/** The calls that change a user, where the directory's optimistic versions can clash. */
export const USER_MODIFYING: readonly { method: string; path: string }[] = [
  { method: 'PATCH', path: '/api/v2/users/*' },
  { method: 'PUT', path: '/api/v2/users/*' },
  { method: 'POST', path: '/api/v2/users/*/routingskills' },
  { method: 'DELETE', path: '/api/v2/users/*/routingskills/*' },
  { method: 'PUT', path: '/api/v2/scim/v2/users/*' },
  { method: 'PATCH', path: '/api/v2/scim/v2/users/*' },
  { method: 'POST', path: '/api/v2/authorization/subjects/*/bulkadd' },
];

/**
 * Named fault sets (what the connector must survive):
 * - `versionConflicts`: 409 on `rate` of the user-modifying calls (skills, languages, roles, PATCH, SCIM);
 * - `retryableEvents`: `rate` of the events of every Events API request fail with `retryable: true`;
 * - `expiredCredentials`: `rate` of the API calls find their token expired (401 `credentials.expired`).
 */
const PresetSchema = z
  .object({
    name: z.enum(['versionConflicts', 'retryableEvents', 'expiredCredentials']),
    rate: z.number().min(0).max(1),
    times: z.number().int().positive().optional(),
  })
  .strict();

export const FaultsSchema = z
  .object({
    rules: z.array(FaultRuleSchema).max(100).default([]),
    presets: z.array(PresetSchema).max(10).default([]),
  })
  .strict();

export type FaultRule = z.infer<typeof FaultRuleSchema>;
export type FaultPreset = z.infer<typeof PresetSchema>;

/** The rules a preset stands for. */
export function presetRules(p: FaultPreset): FaultRule[] {
  const base = {
    errorStatus: 503,
    timeoutMs: 30_000,
    retryAfterSeconds: 1,
    ...(p.times ? { times: p.times } : {}),
  };
  switch (p.name) {
    case 'versionConflicts':
      return USER_MODIFYING.map((c) => ({ ...base, ...c, conflictRate: p.rate }));
    case 'retryableEvents':
      return [{ ...base, path: '/api/v2/events/*', method: 'POST', retryableEventRate: p.rate }];
    case 'expiredCredentials':
      return [{ ...base, path: '/api/v2/*', expireTokenRate: p.rate }];
  }
}

interface ActiveRule {
  rule: FaultRule;
  re: RegExp;
  stormUntil: number;
  used: number;
}

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'error'; status: number }
  | { kind: 'conflict' }
  | { kind: 'expireToken' }
  | { kind: 'tooMany'; retryAfterSeconds: number }
  | { kind: 'drop' }
  | { kind: 'dropAfter' }
  | { kind: 'timeout'; ms: number };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
  /** Events API: the share of events to fail with `retryable: true`. */
  retryableEventRate?: number;
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
    let retryableEventRate = 0;
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
      if (r.retryableEventRate) retryableEventRate = Math.max(retryableEventRate, r.retryableEventRate);
      if (r.latencyMs || r.retryableEventRate) a.used++;
    }
    if (!latencyMs && !retryableEventRate) return NONE;
    return { latencyMs, action: { kind: 'none' }, ...(retryableEventRate ? { retryableEventRate } : {}) };
  }
}

function pick(a: ActiveRule, now: number, rand: () => number): FaultAction {
  const r = a.rule;
  if (a.stormUntil > now) return { kind: 'tooMany', retryAfterSeconds: r.retryAfterSeconds };
  if (r.rate429 && rand() < r.rate429) return { kind: 'tooMany', retryAfterSeconds: r.retryAfterSeconds };
  if (r.expireTokenRate && rand() < r.expireTokenRate) return { kind: 'expireToken' };
  if (r.conflictRate && rand() < r.conflictRate) return { kind: 'conflict' };
  if (r.dropRate && rand() < r.dropRate) return { kind: 'drop' };
  if (r.timeoutRate && rand() < r.timeoutRate) return { kind: 'timeout', ms: r.timeoutMs };
  if (r.errorRate && rand() < r.errorRate) return { kind: 'error', status: r.errorStatus };
  if (r.dropAfterRate && rand() < r.dropAfterRate) return { kind: 'dropAfter' };
  return { kind: 'none' };
}
