// Writes deploy/grafana/<service>.json, one Grafana dashboard per service, from the panel lists below
// (test/deploy/prometheus.test.ts checks the files are current and every expression names a metric the
// services export). Run: node --import tsx scripts/gen-dashboards.ts
import { writeFileSync } from 'node:fs';
import { format } from 'prettier';

interface Panel {
  title: string;
  exprs: [legend: string, expr: string][];
  unit?: string;
}

const COMMON: Panel[] = [
  { title: 'Up', exprs: [['{{instance}}', 'up{job="$job"}']] },
  {
    title: 'Dependencies (/health)',
    exprs: [['{{instance}} {{dependency}}', 'exec_dependency_up{job="$job"}']],
  },
  {
    title: 'Genesys Cloud requests by status',
    exprs: [
      ['{{area}} {{status}}', 'sum by (area, status) (rate(exec_cloud_requests_total{job="$job"}[5m]))'],
    ],
    unit: 'reqps',
  },
  {
    title: 'Genesys Cloud 429s',
    exprs: [['{{area}}', 'sum by (area) (increase(exec_cloud_rate_limited_total{job="$job"}[5m]))']],
  },
  {
    title: 'Resident memory',
    exprs: [['{{instance}}', 'exec_process_resident_memory_bytes{job="$job"}']],
    unit: 'bytes',
  },
  {
    title: 'Event loop lag (p99)',
    exprs: [['{{instance}}', 'exec_nodejs_eventloop_lag_p99_seconds{job="$job"}']],
    unit: 's',
  },
];

const SERVICES: Record<string, { title: string; panels: Panel[] }> = {
  excs: {
    title: 'EXEC config sync (EXCS)',
    panels: [
      {
        title: 'Sync passes',
        exprs: [['{{kind}} {{result}}', 'sum by (kind, result) (increase(exec_excs_sync_passes_total[1h]))']],
      },
      { title: 'Sync progress', exprs: [['progress', 'exec_excs_sync_progress_ratio']], unit: 'percentunit' },
      { title: 'Mapped objects', exprs: [['{{type}}', 'exec_excs_mapped_objects']] },
      { title: 'Skipped Engage objects', exprs: [['skipped', 'exec_excs_skipped_objects']] },
      {
        title: 'Plan operations',
        exprs: [['{{op}} {{result}}', 'sum by (op, result) (increase(exec_excs_plan_operations_total[1h]))']],
      },
      {
        title: 'Sync pass duration (p95)',
        exprs: [
          [
            '{{kind}}',
            'histogram_quantile(0.95, sum by (le, kind) (rate(exec_excs_sync_pass_seconds_bucket[1h])))',
          ],
        ],
        unit: 's',
      },
    ],
  },
  exas: {
    title: 'EXEC agent state sync (EXAS)',
    panels: [
      { title: 'Stat Server links', exprs: [['{{endpoint}}', 'exec_exas_link_up']] },
      { title: 'Agents in scope', exprs: [['agents', 'exec_exas_agents_in_scope']] },
      {
        title: 'Events to Genesys Cloud',
        exprs: [['{{type}} {{result}}', 'sum by (type, result) (rate(exec_exas_events_total[5m]))']],
        unit: 'ops',
      },
      {
        title: 'State latency (p95)',
        exprs: [
          [
            '{{type}}',
            'histogram_quantile(0.95, sum by (le, type) (rate(exec_exas_latency_seconds_bucket[5m])))',
          ],
        ],
        unit: 's',
      },
      { title: 'Pending states', exprs: [['{{type}}', 'exec_exas_pending_events']] },
      { title: 'Errors', exprs: [['{{kind}}', 'sum by (kind) (increase(exec_exas_errors_total[5m]))']] },
    ],
  },
  excp: {
    title: 'EXEC conversation provider (EXCP)',
    panels: [
      { title: 'Lease holder', exprs: [['{{pair}} {{instance}}', 'exec_excp_lease_held']] },
      {
        title: 'T-Lib events in',
        exprs: [['{{link}}', 'sum by (link) (rate(exec_excp_events_in_total[5m]))']],
        unit: 'ops',
      },
      {
        title: 'Conversation events out',
        exprs: [['{{kind}} {{result}}', 'sum by (kind, result) (rate(exec_excp_events_out_total[5m]))']],
        unit: 'ops',
      },
      {
        title: 'Send latency (p95)',
        exprs: [
          ['p95', 'histogram_quantile(0.95, sum by (le) (rate(exec_excp_send_latency_seconds_bucket[5m])))'],
        ],
        unit: 's',
      },
      { title: 'Active calls', exprs: [['{{instance}}', 'exec_excp_calls_active']] },
      { title: 'Outbox', exprs: [['{{instance}}', 'exec_excp_outbox_events']] },
      { title: 'Errors', exprs: [['{{kind}}', 'sum by (kind) (increase(exec_excp_errors_total[5m]))']] },
    ],
  },
};

function dashboard(job: string, title: string, panels: Panel[]): unknown {
  return {
    title,
    uid: `exec-${job}`,
    tags: ['exec'],
    timezone: 'utc',
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus' },
        { name: 'job', type: 'constant', query: job, hide: 2 },
      ],
    },
    panels: [...panels, ...COMMON].map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit ?? 'short' }, overrides: [] },
      targets: p.exprs.map(([legendFormat, expr], j) => ({
        refId: String.fromCharCode(65 + j),
        expr,
        legendFormat,
      })),
    })),
  };
}

/** File name → text, formatted as the repository's prettier check wants it. */
export async function dashboards(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [job, s] of Object.entries(SERVICES))
    files[`${job}.json`] = await format(JSON.stringify(dashboard(job, s.title, s.panels)), {
      parser: 'json',
    });
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('../deploy/grafana/', import.meta.url);
  for (const [file, text] of Object.entries(await dashboards())) writeFileSync(new URL(file, dir), text);
}
