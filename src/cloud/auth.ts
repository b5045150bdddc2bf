// OAuth client credentials: one token per client, renewed before it expires and after a 401, and never
// two renewals at once (every caller that needs a token during a renewal awaits the same one). Failed
// logins back off exponentially up to a ceiling: while backing off, every caller gets the last failure at
// once, without a request (a wrong secret once made 112 logins in 23 s).
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { Logger } from '../core/logger.ts';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { CloudApiError, errorFromNetwork, errorFromResponse, parseRetryAfter } from './errors.ts';
import type { CloudMetrics } from './metrics.ts';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
});

export interface TokenProviderOptions {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffOptions;
  metrics: CloudMetrics;
  logger: Logger;
  now?: () => number;
  /** After the n-th failed login in a row, none before base·2^(n-1) ms, at most maxMs (default 1 s, 5 min). */
  loginBackoff?: BackoffOptions;
}

export const DEFAULT_LOGIN_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 300_000 };

/** What /health says about the login. */
export interface LoginStatus {
  ok: boolean;
  /** Failed logins in a row. */
  failures: number;
  /** While backing off: when the next login may be tried (epoch ms of the provider's clock). */
  retryAt?: number;
  lastError?: string;
}

/** How long to wait after the n-th failed login in a row (n ≥ 1): exponential, capped, no jitter. */
export function loginBackoffMs(failures: number, o: BackoffOptions = DEFAULT_LOGIN_BACKOFF): number {
  return Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, failures - 1));
}

interface Token {
  value: string;
  expiresAt: number;
  renewAt: number;
  /** Past this, the token is not used any more (it could expire in flight). */
  staleAt: number;
}

/** Renew once 80% of the lifetime has passed, and at most five minutes before expiry. */
export function renewalTime(obtainedAt: number, ttlMs: number): number {
  return obtainedAt + ttlMs - Math.min(300_000, ttlMs * 0.2);
}

export class TokenProvider {
  private token: Token | undefined;
  private renewing: Promise<Token> | undefined;
  private readonly now: () => number;
  private readonly url: string;
  private failures = 0;
  private blockedUntil = 0;
  private lastError: CloudApiError | undefined;

  constructor(private readonly opts: TokenProviderOptions) {
    this.now = opts.now ?? Date.now;
    this.url = `${opts.authUrl.replace(/\/+$/, '')}/oauth/token`;
  }

  status(): LoginStatus {
    const s: LoginStatus = { ok: this.failures === 0, failures: this.failures };
    if (this.blockedUntil > this.now()) s.retryAt = this.blockedUntil;
    if (this.lastError) s.lastError = `${this.lastError.status || 'network'} ${this.lastError.code}`;
    return s;
  }

  /** A valid token; renews first when it has expired, in the background when it is due. */
  async get(): Promise<string> {
    const t = this.token;
    const now = this.now();
    if (t && now < t.staleAt) {
      if (now >= t.renewAt) void this.renew().catch(() => undefined);
      return t.value;
    }
    return (await this.renew()).value;
  }

  /** After a 401: forget `rejected` (if it is still the current token) so that the next get() renews. */
  invalidate(rejected: string): void {
    if (this.token?.value === rejected) this.token = undefined;
  }

  /** Forces a renewal (single-flight) and resolves with the new token; fails at once while backing off. */
  renew(): Promise<Token> {
    const now = this.now();
    if (now < this.blockedUntil && this.lastError) return Promise.reject(this.backingOff(now));
    this.renewing ??= this.fetchToken()
      .then(
        (token) => {
          this.failures = 0;
          this.blockedUntil = 0;
          this.lastError = undefined;
          return token;
        },
        (err: unknown) => {
          this.failures++;
          const wait = loginBackoffMs(this.failures, this.opts.loginBackoff);
          this.blockedUntil = this.now() + wait;
          if (err instanceof CloudApiError) this.lastError = err;
          this.opts.logger.error(
            {
              failures: this.failures,
              retryInMs: wait,
              status: this.lastError?.status,
              code: this.lastError?.code,
            },
            'genesys cloud login failed; no new login before the backoff has passed',
          );
          throw err;
        },
      )
      .finally(() => {
        this.renewing = undefined;
      });
    return this.renewing;
  }

  private backingOff(now: number): CloudApiError {
    const last = this.lastError as CloudApiError;
    const seconds = Math.ceil((this.blockedUntil - now) / 1000);
    return new CloudApiError({
      status: last.status,
      code: last.code,
      message:
        `login backing off after ${this.failures} failed login(s) in a row, next attempt in ${seconds} s ` +
        `(last: ${last.status || 'network'} ${last.code}: ${last.apiMessage})`,
      retryable: true,
      method: 'POST',
      path: '/oauth/token',
    });
  }

  private async fetchToken(): Promise<Token> {
    const { opts } = this;
    const basic = Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64');
    for (let attempt = 0; ; attempt++) {
      let err: CloudApiError;
      try {
        const res = await request(this.url, {
          method: 'POST',
          dispatcher: opts.dispatcher,
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: 'grant_type=client_credentials',
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
        const text = await res.body.text();
        if (res.statusCode === 200) {
          const parsed = TokenResponse.safeParse(safeJson(text));
          if (!parsed.success) {
            throw new CloudApiError({
              status: 200,
              code: 'token.malformed',
              message: 'the token response has no access_token/expires_in',
              retryable: false,
              method: 'POST',
              path: '/oauth/token',
            });
          }
          const obtainedAt = this.now();
          const ttlMs = parsed.data.expires_in * 1000;
          const token = {
            value: parsed.data.access_token,
            expiresAt: obtainedAt + ttlMs,
            renewAt: renewalTime(obtainedAt, ttlMs),
            staleAt: obtainedAt + ttlMs - Math.min(1000, ttlMs * 0.1),
          };
          this.token = token;
          opts.metrics.tokenRenewals.inc({ result: 'ok' });
          opts.logger.debug({ expiresInSeconds: parsed.data.expires_in }, 'genesys cloud token obtained');
          return token;
        }
        err = errorFromResponse({
          status: res.statusCode,
          bodyText: text,
          correlationId: header(res.headers['inin-correlation-id']),
          retryAfterSeconds: parseRetryAfter(res.headers['retry-after']),
          method: 'POST',
          path: '/oauth/token',
        });
      } catch (e) {
        if (e instanceof CloudApiError) {
          opts.metrics.tokenRenewals.inc({ result: 'error' });
          throw e;
        }
        const timedOut = (e as { name?: string }).name === 'TimeoutError';
        err = errorFromNetwork(e, 'POST', '/oauth/token', timedOut);
      }
      if (!err.retryable || attempt >= opts.maxRetries) {
        opts.metrics.tokenRenewals.inc({ result: 'error' });
        throw err;
      }
      const delay = backoffDelay(
        attempt + 1,
        opts.backoff,
        err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined,
      );
      opts.logger.warn(
        { status: err.status, code: err.code, delayMs: delay },
        'genesys cloud login failed, retrying',
      );
      await sleep(delay);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
