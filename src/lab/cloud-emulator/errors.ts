// The real API's error bodies: ErrorBody for the Platform API, ScimError under /api/v2/scim/v2.
import type { Models } from 'purecloud-platform-client-v2';

type ErrorBody = Models.ErrorBody;
type ScimError = Models.ScimError;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageParams: Record<string, string> = {},
    /** SCIM `scimType` when the route is a SCIM one. */
    readonly scimType?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, params: Record<string, string> = {}, scimType = 'invalidValue') =>
  new ApiError(400, 'bad.request', message, params, scimType);
export const invalidValue = (field: string, message: string) =>
  new ApiError(400, 'invalid.value', message, { field }, 'invalidValue');
export const notFound = (what: string, id: string) =>
  new ApiError(404, 'not.found', `${what} ${id} not found`, { id });
export const conflict = (message: string) => new ApiError(409, 'general.conflict', message, {}, 'uniqueness');

export function errorBody(
  status: number,
  code: string,
  message: string,
  contextId: string,
  messageParams: Record<string, string> = {},
): ErrorBody {
  return { message, code, status, messageParams, contextId, details: [], errors: [] };
}

export function scimErrorBody(status: number, detail: string, scimType?: string): ScimError {
  const body: ScimError = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    detail,
  };
  if (scimType) body.scimType = scimType;
  return body;
}

export function tooManyRequestsBody(retryAfterSeconds: number, contextId: string): ErrorBody {
  return errorBody(
    429,
    'too.many.requests.retry.after',
    `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`,
    contextId,
    { seconds: String(retryAfterSeconds) },
  );
}
