// The one error type every cloud call rejects with. It carries what a caller needs to decide (retry or
// not, and whether a failed create may nevertheless have happened) and what an operator needs to ask
// Genesys support about it (the correlation id). Never a secret: no headers, no bodies of our requests.
import type { Models } from 'purecloud-platform-client-v2';

export interface CloudApiErrorInit {
  status: number;
  code: string;
  message: string;
  retryable: boolean;
  correlationId?: string | undefined;
  /** The request may have been processed although it failed (timeout, 5xx, connection dropped mid-way). */
  ambiguous?: boolean;
  /** Seconds from a 429's Retry-After. */
  retryAfterSeconds?: number | undefined;
  method?: string;
  path?: string;
  body?: Models.ErrorBody | undefined;
  cause?: unknown;
}

export class CloudApiError extends Error {
  override readonly name = 'CloudApiError';
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  readonly status: number;
  /** The API's `code` (e.g. `too.many.requests.retry.after`), or our own for network failures. */
  readonly code: string;
  readonly retryable: boolean;
  readonly correlationId: string | undefined;
  readonly ambiguous: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly body: Models.ErrorBody | undefined;
  /** The API's own message, without our method/path prefix. */
  readonly apiMessage: string;

  constructor(init: CloudApiErrorInit) {
    const where = init.method && init.path ? `${init.method} ${init.path}: ` : '';
    super(`${where}${init.status || 'network'} ${init.code}: ${init.message}`, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.correlationId = init.correlationId;
    this.ambiguous = init.ambiguous ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.path = init.path;
    this.body = init.body;
    this.apiMessage = init.message;
  }
}

export const isCloudApiError = (e: unknown): e is CloudApiError => e instanceof CloudApiError;

/** 429, 5xx and "no response" are worth another try; other 4xx never are. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/** Parses Retry-After (seconds or an HTTP date) into seconds; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs = Date.now(),
): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, n);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - nowMs) / 1000);
}

/** Builds the error of an HTTP error response from its (maybe non-JSON) body. */
export function errorFromResponse(args: {
  status: number;
  bodyText: string;
  correlationId?: string | undefined;
  retryAfterSeconds?: number | undefined;
  method: string;
  path: string;
}): CloudApiError {
  let body: Models.ErrorBody | undefined;
  try {
    const parsed: unknown = JSON.parse(args.bodyText);
    if (parsed && typeof parsed === 'object') body = parsed as Models.ErrorBody;
  } catch {
    body = undefined;
  }
  // OAuth errors use {error, error_description}, SCIM ones {scimType, detail}, rather than ErrorBody.
  const other = body as
    | {
        error?: unknown;
        error_description?: unknown;
        description?: unknown;
        scimType?: unknown;
        detail?: unknown;
      }
    | undefined;
  const code =
    (typeof body?.code === 'string' && body.code) ||
    (typeof other?.error === 'string' && other.error) ||
    (typeof other?.scimType === 'string' && `scim.${other.scimType}`) ||
    `http.${args.status}`;
  const message =
    (typeof body?.message === 'string' && body.message) ||
    (typeof other?.error_description === 'string' && other.error_description) ||
    (typeof other?.description === 'string' && other.description) ||
    (typeof other?.detail === 'string' && other.detail) ||
    args.bodyText.slice(0, 200) ||
    `HTTP ${args.status}`;
  return new CloudApiError({
    status: args.status,
    code,
    message,
    retryable: isRetryableStatus(args.status),
    correlationId: args.correlationId ?? body?.contextId,
    ambiguous: args.status >= 500,
    retryAfterSeconds: args.retryAfterSeconds,
    method: args.method,
    path: args.path,
    body,
  });
}

// Errors raised while connecting mean the request never left: safe to repeat even for a create.
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Wraps a transport failure (no HTTP response) into a retryable CloudApiError. */
export function errorFromNetwork(
  err: unknown,
  method: string,
  path: string,
  timedOut: boolean,
): CloudApiError {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown } };
  const rawCode =
    (typeof e?.code === 'string' && e.code) || (typeof e?.cause?.code === 'string' && e.cause.code) || '';
  const code = timedOut ? 'network.timeout' : rawCode ? `network.${rawCode}` : 'network.error';
  return new CloudApiError({
    status: 0,
    code,
    message: timedOut ? 'request timed out' : typeof e?.message === 'string' ? e.message : String(err),
    retryable: true,
    ambiguous: !CONNECT_CODES.has(rawCode),
    method,
    path,
    cause: err,
  });
}
