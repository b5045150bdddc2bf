// OAuth client credentials: one token per client, renewed before it expires and after a 401, and never
// two renewals at once (every caller that needs a token during a renewal awaits the same one).
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

  constructor(private readonly opts: TokenProviderOptions) {
    this.now = opts.now ?? Date.now;
    this.url = `${opts.authUrl.replace(/\/+$/, '')}/oauth/token`;
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

  /** Forces a renewal (single-flight) and resolves with the new token. */
  renew(): Promise<Token> {
    this.renewing ??= this.fetchToken().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
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
        opts.logger.error({ status: err.status, code: err.code }, 'genesys cloud login failed');
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
