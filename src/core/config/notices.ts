// What an operator must know about a configuration that is valid but exposes something: check-env prints
// these under its summary and each service logs them at start, from this one function, so both say the
// same (docs/security.md).
import type { ServiceName } from './schemas.ts';

export function securityNotices(parsed: Record<string, unknown>, service?: ServiceName): string[] {
  const out: string[] = [];
  const forExcs = service === undefined || service === 'excs';
  const forClients = service === undefined || service === 'exas' || service === 'excp';
  if (parsed.EXEC_API_TOKEN === undefined) {
    if (forExcs)
      out.push(
        'EXEC_API_TOKEN is not set: EXCS answers /api/* (mappings, plan, preflight) to anyone who can reach ' +
          `it on ${String(parsed.EXCS_BIND_ADDRESS ?? '0.0.0.0')}, and withholds the OAuth client secrets of ` +
          '/api/v1/settings/*, so EXAS and EXCP need EXEC_GC_CLIENT_SECRET',
      );
    if (forClients && parsed.EXEC_GC_CLIENT_SECRET === undefined)
      out.push(
        'EXEC_API_TOKEN and EXEC_GC_CLIENT_SECRET are not set: EXCS withholds the OAuth client secret from ' +
          'callers without the token, so EXAS and EXCP cannot log in to Genesys Cloud',
      );
  }
  return out;
}
