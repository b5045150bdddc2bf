// The Prometheus configuration and rules pass promtool (syntax and the rule unit tests), and every
// metric an alert or a dashboard names is one the services export (or redis_exporter's, for Redis).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { SERVICE_MODULES } from '../../src/services/registry.ts';
import { dashboards } from '../../scripts/gen-dashboards.ts';

const root = new URL('../../', import.meta.url).pathname;
const prom = join(root, 'deploy/prometheus');
const grafana = join(root, 'deploy/grafana');
/** redis_exporter's names (job redis), and Prometheus's own `up`. */
const EXTERNAL = ['up', 'redis_up', 'redis_memory_used_bytes', 'redis_memory_max_bytes'];

function promtool(args: string[]) {
  const r = spawnSync('promtool', args, { cwd: prom, encoding: 'utf8', timeout: 60_000 });
  if (r.error) assert.fail(`promtool: ${r.error.message} (Debian: apt-get install prometheus; .ci/run does)`);
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

async function exportedMetrics(): Promise<Set<string>> {
  const names = new Set(EXTERNAL);
  for (const f of sourceFiles(join(root, 'src')))
    for (const m of readFileSync(f, 'utf8').matchAll(
      // `name: 'exec_…'` (prom-client options) or the T-Lib link's `gauge(registry, 'exec_…', …)`.
      /(?:name:\s*|\b(?:counter|gauge)\(\s*registry,\s*)'(exec_[a-z0-9_]+)'/g,
    ))
      names.add(m[1] as string);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'exec_' });
  for (const m of await registry.getMetricsAsJSON()) names.add(m.name);
  for (const n of [...names]) for (const s of ['_bucket', '_sum', '_count']) names.add(n + s);
  return names;
}

/** Metric names in a PromQL expression: quoted label values and `by (…)` label lists removed first. */
function metricsIn(expr: string): string[] {
  const bare = expr.replace(/"[^"]*"/g, '""').replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/\b(up|exec_[a-z0-9_]+|redis_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);
}

/** Expressions per file: alert rules (`expr:` lines, folded scalars joined) and dashboard targets. */
function expressions(): { file: string; service: string; exprs: string[] }[] {
  const out: { file: string; service: string; exprs: string[] }[] = [];
  for (const f of readdirSync(join(prom, 'alerts'))) {
    const text = readFileSync(join(prom, 'alerts', f), 'utf8');
    const exprs = [...text.matchAll(/expr: (?:>-\n((?:\s{10}.*\n)+)|(.*)\n)/g)].map((m) =>
      (m[1] ?? m[2] ?? '').trim(),
    );
    out.push({ file: `alerts/${f}`, service: f.replace('.yml', ''), exprs });
  }
  for (const f of readdirSync(grafana)) {
    const d = JSON.parse(readFileSync(join(grafana, f), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    out.push({
      file: `grafana/${f}`,
      service: f.replace('.json', ''),
      exprs: d.panels.flatMap((p) => p.targets.map((t) => t.expr)),
    });
  }
  return out;
}

describe('Prometheus and Grafana', () => {
  it('promtool accepts prometheus.yml and every rule file', () => {
    const r = promtool(['check', 'config', 'prometheus.yml']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /SUCCESS: \d+ rule files found/);
  });

  it('the alert rules fire as their unit tests expect (promtool test rules)', () => {
    const r = promtool(['test', 'rules', 'tests/alerts.test.yml']);
    assert.equal(r.code, 0, r.out);
  });

  it('the dashboards are the generator output (node --import tsx scripts/gen-dashboards.ts)', async () => {
    for (const [file, text] of Object.entries(await dashboards()))
      assert.equal(readFileSync(join(grafana, file), 'utf8'), text, `deploy/grafana/${file} is stale`);
  });

  it('every expression names a metric the services export', async (t) => {
    const known = await exportedMetrics();
    const files = expressions();
    assert.ok(files.filter((f) => f.exprs.length > 0).length >= 6);
    for (const { file, service, exprs } of files) {
      // A service not built yet exports nothing: its files are checked once it is in the registry.
      if (['excs', 'exas', 'excp', 'exrp'].includes(service) && !(service in SERVICE_MODULES)) {
        t.diagnostic(`${file}: ${service} not built yet, its metric names are not checked`);
        continue;
      }
      for (const expr of exprs) {
        const names = metricsIn(expr);
        assert.ok(names.length > 0, `${file}: no metric in ${expr}`);
        for (const n of names)
          assert.ok(known.has(n), `${file}: ${n} is not a metric any service exports (${expr})`);
      }
    }
  });
});
