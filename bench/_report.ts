// How every benchmark reports: a table for people, then one JSON line for tools.

export interface BenchRow {
  metric: string;
  value: number | string;
  unit?: string;
  target?: string;
  ok?: boolean;
}

export function report(name: string, rows: BenchRow[], extra: Record<string, unknown> = {}): void {
  const w = Math.max(...rows.map((r) => r.metric.length), 6);
  console.log(`\n${name}`);
  console.log(`${'metric'.padEnd(w)}  ${'value'.padStart(14)}  unit        target        ok`);
  for (const r of rows) {
    const v =
      typeof r.value === 'number' ? r.value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : r.value;
    const ok = r.ok === undefined ? '' : r.ok ? 'yes' : 'NO';
    console.log(
      `${r.metric.padEnd(w)}  ${String(v).padStart(14)}  ${(r.unit ?? '').padEnd(10)}  ${(r.target ?? '').padEnd(12)}  ${ok}`,
    );
  }
  console.log(JSON.stringify({ bench: name, rows, ...extra }));
}
