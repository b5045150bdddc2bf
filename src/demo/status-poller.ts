// Reads the demo's service registries every `everyMs` into status rows (status.ts), for the control
// API and the console's status table, and prints them as status lines every `printEveryMs`.
import type { DemoIo, DemoService } from '../core/demo-component.ts';
import {
  countersOf,
  statusLine,
  statusRows,
  type InstanceMemory,
  type MetricJson,
  type StatusRow,
} from './status.ts';

export class StatusPoller {
  private memory = new Map<string, InstanceMemory>();
  private latest: StatusRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private printer: NodeJS.Timeout | undefined;

  constructor(private readonly services: DemoService[]) {}

  rows(): StatusRow[] {
    return this.latest;
  }

  async poll(): Promise<StatusRow[]> {
    const instances = await Promise.all(
      this.services.map(async (s) => {
        const up = s.running ? s.running() : true;
        const registry = up ? s.registry : undefined;
        if (!registry) return { name: s.name, counters: null };
        const metrics = (await registry.getMetricsAsJSON()) as unknown as MetricJson[];
        return { name: s.name, counters: countersOf(s.name, metrics) };
      }),
    );
    const { rows, memory } = statusRows(instances, this.memory);
    this.memory = memory;
    this.latest = rows;
    return rows;
  }

  start(io: DemoIo, everyMs: number, printEveryMs: number): void {
    const poll = () => void this.poll().catch((err: unknown) => io.err(`status: ${(err as Error).message}`));
    poll();
    this.timer = setInterval(poll, everyMs);
    if (printEveryMs > 0)
      this.printer = setInterval(() => {
        const width = Math.max(4, ...this.latest.map((r) => r.name.length));
        for (const row of this.latest) io.out(`status ${statusLine(row, width)}`);
      }, printEveryMs);
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.printer);
  }
}
