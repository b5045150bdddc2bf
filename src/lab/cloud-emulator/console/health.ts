// The services' /health for the console's side panel: read server-side (the services send no CORS
// headers, and the page must not need them), parsed leniently: a service answering something else is
// shown as such, never breaks the page.
import { z } from 'zod';
import type { ServiceHealth } from './view.ts';

const HealthBody = z.object({
  data: z.object({
    status: z.string().optional(),
    dependencies: z
      .record(z.string(), z.object({ status: z.string(), detail: z.string().optional() }))
      .default({}),
  }),
});

/** What one /health answer says (status code and JSON body). */
export function healthOf(
  service: { name: string; url: string },
  status: number,
  body: unknown,
): ServiceHealth {
  const parsed = HealthBody.safeParse(body);
  const dependencies = parsed.success
    ? Object.entries(parsed.data.data.dependencies).map(([name, d]) => ({
        name,
        status: d.status,
        detail: d.detail ?? null,
      }))
    : [];
  return {
    name: service.name,
    url: service.url,
    status: status === 200 ? 'UP' : status === 503 ? 'DOWN' : 'unknown',
    dependencies,
  };
}

export async function fetchHealth(
  service: { name: string; url: string },
  timeoutMs = 1500,
): Promise<ServiceHealth> {
  try {
    const res = await fetch(new URL('/health', service.url), { signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await res.json().catch(() => null);
    return healthOf(service, res.status, body);
  } catch {
    return { name: service.name, url: service.url, status: 'unreachable', dependencies: [] };
  }
}
