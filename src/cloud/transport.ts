// Every API call goes through here: wait for the per-token limiter, attach the token, send over a
// keep-alive connection pool, map failures to CloudApiError, and retry what is safe to retry:
// - 429, 5xx and network errors, up to maxRetries, with jittered exponential backoff (at least Retry-After);
// - a 401 once, after renewing the token;
// - never other 4xx;
// - for a non-idempotent request (a create), only failures after which it surely did not happen
//   (429, connection refused): an ambiguous one (timeout, 5xx, dropped connection) goes back to the
//   caller, whose createOnce() looks the object up before creating it again.
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../core/logger.ts';
import type { TokenProvider } from './auth.ts';
import { header } from './auth.ts';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import { CloudApiError, errorFromNetwork, errorFromResponse, parseRetryAfter } from './errors.ts';
import type { RateLimiter } from './limiter.ts';
import type { CloudMetrics } from './metrics.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface CloudRequest {
  /** The API area (metrics label, and the default fairness key of the limiter). */
  area: string;
  method: HttpMethod;
  /** Path under the API base, e.g. `/api/v2/routing/queues`. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
  /** Safe to repeat after an ambiguous failure. Default: every method but POST. */
  idempotent?: boolean | undefined;
  /** Who is calling, for the limiter's round-robin (default: the area). */
  caller?: string | undefined;
  /** The caller already holds a limiter slot for the first attempt (RateLimiter.tryAcquire). */
  slotTaken?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface CloudResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface TransportOptions {
  apiUrl: string;
  dispatcher: Dispatcher;
  tokens: TokenProvider;
  limiter: RateLimiter;
  metrics: CloudMetrics;
  logger: Logger;
  maxRetries: number;
  backoff: BackoffOptions;
  timeoutMs: number;
}

/** `request.bytes.max` of the platform limits. */
export const REQUEST_BYTES_MAX = 512_000;

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v as readonly (string | number)[]) p.append(k, String(x));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export class CloudTransport {
  private readonly base: string;

  constructor(private readonly opts: TransportOptions) {
    this.base = opts.apiUrl.replace(/\/+$/, '');
  }

  /** Sends and resolves with the parsed JSON body (undefined for an empty one). */
  async call<T>(req: CloudRequest): Promise<T> {
    return (await this.send<T>(req)).body;
  }

  async send<T>(req: CloudRequest): Promise<CloudResponse<T>> {
    const { opts } = this;
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const url = `${this.base}${req.path}${buildQuery(req.query)}`;
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (payload !== undefined && Buffer.byteLength(payload) > REQUEST_BYTES_MAX) {
      throw new CloudApiError({
        status: 413,
        code: 'request.bytes.max',
        message: `request body of ${Buffer.byteLength(payload)} bytes exceeds ${REQUEST_BYTES_MAX}`,
        retryable: false,
        method: req.method,
        path: req.path,
      });
    }
    let renewedAfter401 = false;
    for (let attempt = 0; ; attempt++) {
      const waitedMs =
        attempt === 0 && req.slotTaken ? 0 : await opts.limiter.acquire(req.caller ?? req.area, req.signal);
      opts.metrics.limiterWait.observe({ area: req.area }, waitedMs / 1000);
      const token = await opts.tokens.get();
      const started = performance.now();
      let err: CloudApiError;
      try {
        const res = await request(url, {
          method: req.method,
          dispatcher: opts.dispatcher,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
            ...req.headers,
          },
          body: payload,
          signal: req.signal
            ? AbortSignal.any([req.signal, AbortSignal.timeout(opts.timeoutMs)])
            : AbortSignal.timeout(opts.timeoutMs),
        });
        const text = await res.body.text();
        opts.metrics.duration.observe(
          { area: req.area, method: req.method },
          (performance.now() - started) / 1000,
        );
        opts.metrics.requests.inc({ area: req.area, method: req.method, status: String(res.statusCode) });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          return { status: res.statusCode, body: parseBody<T>(text, req), headers: res.headers };
        }
        err = errorFromResponse({
          status: res.statusCode,
          bodyText: text,
          correlationId: header(res.headers['inin-correlation-id']),
          retryAfterSeconds: parseRetryAfter(res.headers['retry-after']),
          method: req.method,
          path: req.path,
        });
        if (res.statusCode === 401 && !renewedAfter401) {
          // The token expired or was revoked under us: renew it once and repeat (a 401 means "not done").
          renewedAfter401 = true;
          opts.tokens.invalidate(token);
          opts.metrics.retries.inc({ area: req.area, reason: '401' });
          attempt--;
          continue;
        }
        if (res.statusCode === 429) {
          opts.metrics.rateLimited.inc({ area: req.area });
          // Everyone on this token waits out the Retry-After, not only this caller.
          opts.limiter.pause((err.retryAfterSeconds ?? 1) * 1000);
        }
      } catch (e) {
        if (e instanceof CloudApiError) throw e;
        if (req.signal?.aborted) throw req.signal.reason;
        opts.metrics.requests.inc({ area: req.area, method: req.method, status: '0' });
        err = errorFromNetwork(e, req.method, req.path, (e as { name?: string }).name === 'TimeoutError');
      }
      const failure = {
        area: req.area,
        method: req.method,
        path: req.path,
        status: err.status,
        code: err.code,
        correlationId: err.correlationId,
        attempt,
      };
      const mayRepeat = err.retryable && (idempotent || !err.ambiguous);
      if (!mayRepeat || attempt >= opts.maxRetries) {
        opts.logger.debug(failure, 'genesys cloud request failed');
        throw err;
      }
      const reason = err.status === 429 ? '429' : err.status >= 500 ? '5xx' : 'network';
      opts.metrics.retries.inc({ area: req.area, reason });
      const delay = backoffDelay(
        attempt + 1,
        opts.backoff,
        err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined,
      );
      opts.logger.debug({ ...failure, delayMs: delay }, 'genesys cloud request failed, retrying');
      await sleep(delay, req.signal);
    }
  }

  /**
   * PUTs a file to a pre-signed upload URL with the headers the API returned. Not an API call: no token,
   * no limiter (the target is object storage). Retried on 5xx and network errors: a PUT is idempotent.
   */
  async upload(
    url: string,
    headers: Record<string, string>,
    body: Buffer | Uint8Array | string | (() => Readable),
    signal?: AbortSignal,
  ): Promise<number> {
    const { opts } = this;
    const path = new URL(url).pathname;
    for (let attempt = 0; ; attempt++) {
      let err: CloudApiError;
      try {
        const res = await request(url, {
          method: 'PUT',
          dispatcher: opts.dispatcher,
          headers,
          body: typeof body === 'function' ? body() : body,
          signal,
        });
        const text = await res.body.text();
        opts.metrics.requests.inc({ area: 'upload', method: 'PUT', status: String(res.statusCode) });
        if (res.statusCode >= 200 && res.statusCode < 300) return res.statusCode;
        err = errorFromResponse({ status: res.statusCode, bodyText: text, method: 'PUT', path });
      } catch (e) {
        if (e instanceof CloudApiError) throw e;
        if (signal?.aborted) throw signal.reason;
        opts.metrics.requests.inc({ area: 'upload', method: 'PUT', status: '0' });
        err = errorFromNetwork(e, 'PUT', path, false);
      }
      if (!err.retryable || attempt >= opts.maxRetries) throw err;
      opts.metrics.retries.inc({
        area: 'upload',
        reason: err.status >= 500 ? '5xx' : err.status === 429 ? '429' : 'network',
      });
      await sleep(
        backoffDelay(
          attempt + 1,
          opts.backoff,
          err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined,
        ),
      );
    }
  }
}

function parseBody<T>(text: string, req: CloudRequest): T {
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CloudApiError({
      status: 200,
      code: 'response.malformed',
      message: 'the response body is not JSON',
      retryable: false,
      method: req.method,
      path: req.path,
    });
  }
}
