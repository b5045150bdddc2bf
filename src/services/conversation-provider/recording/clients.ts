// The two HTTP peers of recording injection: EXRP behind the load balancer (POST
// /api/v1/interactions/end, 202 = durably queued) and GIR RWS (GET the recording metadata of a call).
import { InteractionEndSchema, type InteractionEndInput } from '../../recording-provider/interaction-end.ts';
import { describeIssues, segmentsFromRws, type Segment } from './metadata.ts';
import { z } from 'zod';

export type SendOutcome = { ok: true } | { ok: false; retryable: boolean; message: string };

/**
 * POSTs one interaction-end; a body that does not pass the shared contract is never sent. EXRP guards
 * /api/* with EXEC_API_TOKEN when it is set, so the same token goes along as a bearer.
 */
export async function postInteractionEnd(
  baseUrl: string,
  body: InteractionEndInput,
  o: { apiToken?: string | undefined; timeoutMs?: number } = {},
): Promise<SendOutcome> {
  const parsed = InteractionEndSchema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      retryable: false,
      message: `not a valid interaction-end: ${describeIssues(parsed.error)}`,
    };
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/interactions/end`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(o.apiToken ? { authorization: `Bearer ${o.apiToken}` } : {}),
      },
      body: JSON.stringify(parsed.data),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const text = await res.text().catch(() => '');
    if (res.status === 202 || res.status === 200) return { ok: true };
    // Kept retryable: once the operator sets the same EXEC_API_TOKEN on both sides, delivery resumes.
    if (res.status === 401)
      return {
        ok: false,
        retryable: true,
        message: o.apiToken
          ? 'EXRP refused the bearer token (HTTP 401): EXEC_API_TOKEN differs between EXCP and EXRP'
          : 'EXRP requires a bearer token (HTTP 401): set the same EXEC_API_TOKEN on EXCP as on EXRP',
      };
    // 400/422: EXRP says the request itself is wrong; sending it again cannot help.
    return {
      ok: false,
      retryable: res.status !== 400 && res.status !== 422,
      message: `EXRP answered HTTP ${res.status} ${text.slice(0, 300)}`,
    };
  } catch (err) {
    return { ok: false, retryable: true, message: `EXRP not reachable: ${(err as Error).message}` };
  }
}

export type GirOutcome =
  | { kind: 'found'; segments: Segment[] }
  | { kind: 'absent'; message: string }
  | { kind: 'error'; message: string };

/** `EXCP_GIR_HOST` as a base URL: `host:port` means HTTPS (seed 004: 443), a URL is taken as it is. */
export function girBaseUrl(host: string): string {
  return /^https?:\/\//i.test(host) ? host.replace(/\/+$/, '') : `https://${host.replace(/\/+$/, '')}`;
}

export async function fetchGirRecording(o: {
  baseUrl: string;
  ccid: string;
  user: string;
  password: string;
  callUuid: string;
  timeoutMs?: number;
}): Promise<GirOutcome> {
  const url = `${o.baseUrl}/api/v2/ops/contact-centers/${encodeURIComponent(o.ccid)}/recordings/${encodeURIComponent(o.callUuid)}`;
  try {
    const res = await fetch(url, {
      headers: {
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`,
      },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (res.status === 404) return { kind: 'absent', message: 'RWS has no recording for the call yet (404)' };
    if (!res.ok) return { kind: 'error', message: `RWS answered HTTP ${res.status}` };
    try {
      const segments = segmentsFromRws(body, o.callUuid);
      return segments.length
        ? { kind: 'found', segments }
        : { kind: 'absent', message: 'RWS has the call but no media file yet' };
    } catch (err) {
      return {
        kind: 'error',
        message: `RWS answer is not valid: ${err instanceof z.ZodError ? describeIssues(err) : (err as Error).message}`,
      };
    }
  } catch (err) {
    return { kind: 'error', message: `RWS not reachable: ${(err as Error).message}` };
  }
}
