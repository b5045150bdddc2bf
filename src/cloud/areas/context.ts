// What every area module gets: the transport and the client's tunables.
import type { BackoffOptions } from '../backoff.ts';
import type { CloudTransport } from '../transport.ts';

export interface AreaContext {
  transport: CloudTransport;
  backoff: BackoffOptions;
  /** Events per Events API call (default 100). */
  eventsBatchLimit: number;
}

/** Escapes a value for a path segment. */
export const seg = (s: string): string => encodeURIComponent(s);
