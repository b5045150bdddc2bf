// Shared by the cloud client's integration tests: a real emulator per suite, a client with short
// backoff, and readers for the emulator's admin API and the client's metrics.
import { Registry } from 'prom-client';
import { startCloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import { createCloudClient, type CloudClient, type CloudClientOptions } from '../../src/cloud/index.ts';

export type Emulator = Awaited<ReturnType<typeof startCloudEmulator>>;
export type EmulatorOptions = Parameters<typeof startCloudEmulator>[0];

export interface Lab {
  emu: Emulator;
  client: CloudClient;
  registry: Registry;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startLab(
  emuOpts: EmulatorOptions = {},
  clientOpts: Partial<CloudClientOptions> = {},
): Promise<Lab> {
  const emu = await startCloudEmulator({ host: '127.0.0.1', port: 0, ...emuOpts });
  const registry = new Registry();
  const client = createCloudClient({
    apiUrl: emu.url,
    authUrl: emu.url,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    registry,
    backoff: { baseMs: 20, maxMs: 200 },
    rateLimitPerMinute: 100_000,
    limiterBurst: 1000,
    fetchTimeoutMs: 5_000,
    ...clientOpts,
  });
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    emu,
    client,
    registry,
    admin,
    async stop() {
      await client.close();
      await emu.stop();
    },
  };
}

export interface AuditRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
  fault?: string;
}

/** Every audited request so far. */
export async function auditRequests(lab: Lab): Promise<AuditRequest[]> {
  const out: AuditRequest[] = [];
  let since = 0;
  for (;;) {
    const page = await lab.admin<{ requests: AuditRequest[] }>('GET', `audit?since=${since}`);
    const fresh = page.requests.filter((r) => r.seq > since);
    if (fresh.length === 0) return out;
    out.push(...fresh);
    since = Math.max(...fresh.map((r) => r.seq));
  }
}

export interface OrgDump {
  users: { id: string; userName: string; externalId?: string }[];
  skills: { id: string; name: string }[];
  queues: { id: string; name: string; members: string[]; wrapupCodes: string[] }[];
  wrapupCodes: { id: string; name: string }[];
  sources: { id: string; name: string }[];
}

export const org = (lab: Lab): Promise<OrgDump> => lab.admin<OrgDump>('GET', 'org');

export const setFaults = (lab: Lab, rules: Record<string, unknown>[]): Promise<unknown> =>
  lab.admin('PUT', 'faults', { rules });

/** Sum of a metric's values whose labels include `labels`. */
export async function metricSum(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const m = registry.getSingleMetric(name);
  if (!m) return 0;
  const data = await m.get();
  let sum = 0;
  for (const v of data.values) {
    const l = v.labels as Record<string, string | number>;
    if (Object.entries(labels).every(([k, x]) => String(l[k]) === x)) {
      // Histograms: count the _sum series only.
      const series = (v as { metricName?: string }).metricName;
      if (String(data.type) === 'histogram' && !series?.endsWith('_sum')) continue;
      sum += v.value;
    }
  }
  return sum;
}

/** `n` users through SCIM (ids in creation order). */
export async function createUsers(lab: Lab, n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = await lab.client.scim.createUser({
      userName: `${prefix}${i}@example.com`,
      displayName: `${prefix} ${i}`,
      externalId: `${prefix}-${i}`,
      active: true,
    });
    ids.push(u.id!);
  }
  return ids;
}
