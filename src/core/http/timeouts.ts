// Request timeouts for every HTTP server we run (services, lab emulator): a client that sends its
// headers or body slowly is answered 408 and disconnected after `requestTimeoutMs`, instead of holding a
// connection (and memory) for minutes. Fastify disables Node's own request timeout unless given one, and
// Node checks it only every 30 s by default: the check interval follows the timeout here.
// Only the receiving of the request is bounded; a slow answer (a full plan listing the org) is not.

/** Default for the services: ample for a JSON body on a slow link, short for a stalled one. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface TimeoutOptions {
  requestTimeout: number;
  http: { headersTimeout: number; connectionsCheckingInterval: number };
}

export function requestTimeouts(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): TimeoutOptions {
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs <= 0) {
    throw new Error(`requestTimeoutMs must be a positive whole number (got ${requestTimeoutMs})`);
  }
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: Math.min(requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}
