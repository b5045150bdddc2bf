// The demo's live status: per service, events in and out, lag, 429s and rejected events, read from the
// services' own Prometheus registries (the same numbers /metrics shows). Pure: metric snapshots in, rows
// and the status line out. A service kind not in SPECS (a new one) still gets its 429s.

/** One metric as prom-client's `getMetricsAsJSON()` gives it. */
export interface MetricJson {
  name: string;
  values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
}

interface Pick {
  name: string;
  /** Only values with these labels. */
  labels?: Record<string, string>;
}

interface Spec {
  in?: Pick;
  out?: Pick;
  rejected?: Pick;
  /** A histogram of seconds: its mean over the last interval is the lag. */
  latency?: string;
}

/** What each service's numbers mean. */
export const SPECS: Record<string, Spec> = {
  excs: {
    in: { name: 'exec_excs_sync_passes_total' },
    out: { name: 'exec_excs_plan_operations_total', labels: { result: 'done' } },
    rejected: { name: 'exec_excs_failing_objects' },
  },
  exas: {
    in: { name: 'exec_exas_stat_updates_total' },
    out: { name: 'exec_exas_events_total', labels: { result: 'accepted' } },
    rejected: { name: 'exec_exas_events_total', labels: { result: 'rejected' } },
    latency: 'exec_exas_latency_seconds',
  },
  excp: {
    in: { name: 'exec_excp_events_in_total' },
    out: { name: 'exec_excp_events_out_total', labels: { result: 'accepted' } },
    rejected: { name: 'exec_excp_events_out_total', labels: { result: 'rejected' } },
    latency: 'exec_excp_send_latency_seconds',
  },
  exrp: {
    in: { name: 'exec_exrp_interactions_received_total' },
    out: { name: 'exec_exrp_recordings_uploaded_total' },
    rejected: { name: 'exec_exrp_dead_letter_jobs' },
  },
};

export interface Counters {
  in: number | null;
  out: number | null;
  rejected: number | null;
  rateLimited: number;
  latencySum: number;
  latencyCount: number;
}

const kindOf = (service: string) => service.replace(/-\d+$/, '');

function sum(metrics: MetricJson[], pick: Pick | undefined, metricName?: string): number | null {
  if (!pick) return null;
  const m = metrics.find((x) => x.name === pick.name);
  if (!m) return 0;
  return m.values
    .filter((v) => (metricName ? v.metricName === metricName : !v.metricName || v.metricName === pick.name))
    .filter((v) => Object.entries(pick.labels ?? {}).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((a, v) => a + v.value, 0);
}

/** The counters of one instance, from its registry's snapshot. */
export function countersOf(service: string, metrics: MetricJson[]): Counters {
  const spec = SPECS[kindOf(service)] ?? {};
  const latency = spec.latency;
  return {
    in: sum(metrics, spec.in),
    out: sum(metrics, spec.out),
    rejected: sum(metrics, spec.rejected),
    rateLimited: sum(metrics, { name: 'exec_cloud_rate_limited_total' }) ?? 0,
    latencySum: latency ? (sum(metrics, { name: latency }, `${latency}_sum`) ?? 0) : 0,
    latencyCount: latency ? (sum(metrics, { name: latency }, `${latency}_count`) ?? 0) : 0,
  };
}

export interface StatusRow {
  name: string;
  in: number | null;
  out: number | null;
  /** Mean lag (ms) of what was sent since the previous row; null when nothing was. */
  lagMs: number | null;
  rateLimited: number;
  rejected: number | null;
  /** e.g. "excp-1 down". */
  note: string | null;
}

const add = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
const plus = (a: Counters, b: Counters): Counters => ({
  in: add(a.in, b.in),
  out: add(a.out, b.out),
  rejected: add(a.rejected, b.rejected),
  rateLimited: a.rateLimited + b.rateLimited,
  latencySum: a.latencySum + b.latencySum,
  latencyCount: a.latencyCount + b.latencyCount,
});
const ZERO: Counters = {
  in: null,
  out: null,
  rejected: null,
  rateLimited: 0,
  latencySum: 0,
  latencyCount: 0,
};

/**
 * What the status remembers of an instance between two rows: its counters as last read, and the sum of
 * its earlier lives (a killed and restarted instance starts from zero; the row does not go backwards).
 */
export interface InstanceMemory {
  last: Counters | null;
  earlier: Counters;
}

/** One row per service kind (the instances of a pair summed), lag over the interval since the last rows. */
export function statusRows(
  instances: { name: string; counters: Counters | null }[],
  memory: ReadonlyMap<string, InstanceMemory>,
): { rows: StatusRow[]; memory: Map<string, InstanceMemory> } {
  const next = new Map<string, InstanceMemory>();
  const kinds = new Map<string, { total: Counters; dSum: number; dCount: number; down: string[] }>();
  for (const i of instances) {
    const kind = kindOf(i.name);
    const k = kinds.get(kind) ?? { total: ZERO, dSum: 0, dCount: 0, down: [] };
    kinds.set(kind, k);
    const m = memory.get(i.name) ?? { last: null, earlier: ZERO };
    const c = i.counters;
    // A new life: no counters now (killed), or fewer than before (restarted).
    const restarted =
      !!m.last && (!c || c.latencyCount < m.last.latencyCount || (c.in ?? 0) < (m.last.in ?? 0));
    const earlier = restarted && m.last ? plus(m.earlier, m.last) : m.earlier;
    next.set(i.name, { last: c, earlier });
    k.total = plus(k.total, c ? plus(earlier, c) : earlier);
    if (!c) {
      k.down.push(i.name);
      continue;
    }
    const base = restarted || !m.last ? ZERO : m.last;
    k.dSum += c.latencySum - base.latencySum;
    k.dCount += c.latencyCount - base.latencyCount;
  }
  const rows = [...kinds].map(([name, k]): StatusRow => ({
    name,
    in: k.total.in,
    out: k.total.out,
    lagMs: k.dCount > 0 ? Math.round((k.dSum / k.dCount) * 1000) : null,
    rateLimited: k.total.rateLimited,
    rejected: k.total.rejected,
    note: k.down.length ? `${k.down.join(', ')} down` : null,
  }));
  return { rows, memory: next };
}

const n = (v: number | null) => (v === null ? '–' : String(v));

/** `exas  in 532 · out 498 · lag 45 ms · 429s 0 · rejected 0` */
export function statusLine(row: StatusRow, width = 5): string {
  return (
    `${row.name.padEnd(width)} in ${n(row.in)} · out ${n(row.out)} · lag ${row.lagMs === null ? '–' : `${row.lagMs} ms`}` +
    ` · 429s ${row.rateLimited} · rejected ${n(row.rejected)}${row.note ? ` (${row.note})` : ''}`
  );
}
