// The seeds' response envelope: {"status":{"code":0,"message":"…","corrId":"<uuid>"},"data":{…}}.
// Error codes are five digits whose first three are the HTTP status (40402 "CallUUID not found").

export interface EnvelopeBody<T = unknown> {
  status: { code: number; message: string; corrId: string };
  data: T;
}

const ENVELOPED = Symbol('enveloped');

/** A route returns this to choose the status message; a plain object gets "OK". */
export class Reply<T = unknown> {
  readonly [ENVELOPED] = true;
  constructor(
    readonly data: T,
    readonly message = 'OK',
  ) {}
}

export function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && ENVELOPED in v;
}

export function envelope<T>(corrId: string, data: T, message = 'OK', code = 0): EnvelopeBody<T> {
  return { status: { code, message, corrId }, data };
}

/** An error answered in the envelope. `code` defaults to status × 100. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: number;
  constructor(
    readonly statusCode: number,
    message: string,
    code?: number,
    readonly data: unknown = null,
  ) {
    super(message);
    this.code = code ?? statusCode * 100;
  }
}
