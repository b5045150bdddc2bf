// Health: each dependency reports its state; /health answers 503 when any critical one is down.

export interface DependencyState {
  status: 'UP' | 'DOWN';
  detail?: string;
  critical: boolean;
}

export interface HealthCheck {
  name: string;
  /** A non-critical dependency is reported but does not make the service unhealthy. */
  critical?: boolean;
  check(): Promise<{ ok: boolean; detail?: string }> | { ok: boolean; detail?: string };
}

export interface HealthReport {
  healthy: boolean;
  status: 'UP' | 'DOWN';
  dependencies: Record<string, DependencyState>;
}

export async function runHealthChecks(
  checks: readonly HealthCheck[],
  timeoutMs = 2000,
): Promise<HealthReport> {
  const dependencies: Record<string, DependencyState> = {};
  await Promise.all(
    checks.map(async (c) => {
      const critical = c.critical !== false;
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
          timer = setTimeout(
            () => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }),
            timeoutMs,
          );
        });
        const r = await Promise.race([Promise.resolve(c.check()), timeout]);
        dependencies[c.name] = {
          status: r.ok ? 'UP' : 'DOWN',
          critical,
          ...(r.detail ? { detail: r.detail } : {}),
        };
      } catch (err) {
        dependencies[c.name] = { status: 'DOWN', critical, detail: (err as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const healthy = Object.values(dependencies).every((d) => d.status === 'UP' || !d.critical);
  return { healthy, status: healthy ? 'UP' : 'DOWN', dependencies };
}
