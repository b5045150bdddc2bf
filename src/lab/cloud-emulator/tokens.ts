// OAuth client-credentials tokens and the per-token rate limit (a sliding 60 s window, exact: the
// timestamps of the last `limit` requests in a ring).
import { randomBytes } from 'node:crypto';

export interface TokenRecord {
  clientId: string;
  expiresAt: number;
  hits: Float64Array | null;
  head: number;
  count: number;
}

export type TokenCheck =
  { ok: true; record: TokenRecord } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  issue(clientId: string, ttlSeconds: number, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: now + ttlSeconds * 1000, hits: null, head: 0, count: 0 });
    if (this.tokens.size > 10_000) this.sweep(now);
    return token;
  }

  check(authorization: string | undefined, now = Date.now()): TokenCheck {
    if (!authorization || !/^bearer /i.test(authorization)) return { ok: false, reason: 'missing' };
    const record = this.tokens.get(authorization.slice(7).trim());
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, record };
  }

  /** The token of this Authorization header expires now (the expiredCredentials fault). */
  expire(authorization: string | undefined, now = Date.now()): void {
    if (!authorization || !/^bearer /i.test(authorization)) return;
    const record = this.tokens.get(authorization.slice(7).trim());
    if (record) record.expiresAt = Math.min(record.expiresAt, now);
  }

  /** Every issued token expires now (tests of renewal mid-run). */
  expireAll(now = Date.now()): number {
    for (const r of this.tokens.values()) r.expiresAt = Math.min(r.expiresAt, now);
    return this.tokens.size;
  }

  get size(): number {
    return this.tokens.size;
  }

  private sweep(now: number): void {
    for (const [t, r] of this.tokens) if (r.expiresAt <= now) this.tokens.delete(t);
  }
}

/** The 401 of each failed check, with the platform's codes and messages (go-gcloudcx error catalogue). */
export function authFailure(reason: 'missing' | 'unknown' | 'expired'): { code: string; message: string } {
  switch (reason) {
    case 'missing':
      return {
        code: 'authentication.required',
        message: 'No authentication bearer token specified in authorization header.',
      };
    case 'expired':
      return {
        code: 'credentials.expired',
        message: 'The supplied credentials are expired and cannot be used.',
      };
    default:
      return { code: 'bad.credentials', message: 'Invalid login credentials.' };
  }
}

const WINDOW_MS = 60_000;

/** `inin-ratelimit-*` of an answer: requests counted in the window, the budget, seconds until it frees. */
export function rateLimitHeaders(record: TokenRecord, limitPerMinute: number, now: number) {
  const oldest = record.hits && record.count > 0 ? (record.hits[record.head] as number) : now;
  return {
    'inin-ratelimit-count': String(record.count),
    'inin-ratelimit-allowed': String(limitPerMinute),
    'inin-ratelimit-reset': String(Math.max(0, Math.ceil((oldest + WINDOW_MS - now) / 1000))),
  };
}

/** Counts one request against the token; 0 when allowed, else the seconds to wait (Retry-After). */
export function takeRequest(record: TokenRecord, limitPerMinute: number, now: number): number {
  if (!record.hits || record.hits.length !== limitPerMinute) {
    record.hits = new Float64Array(limitPerMinute);
    record.head = 0;
    record.count = 0;
  }
  const hits = record.hits;
  if (record.count === limitPerMinute) {
    const oldest = hits[record.head] as number;
    if (now - oldest < WINDOW_MS) return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    hits[record.head] = now;
    record.head = (record.head + 1) % limitPerMinute;
    return 0;
  }
  hits[(record.head + record.count) % limitPerMinute] = now;
  record.count++;
  return 0;
}
