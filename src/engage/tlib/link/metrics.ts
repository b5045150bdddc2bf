// The link's Prometheus metrics (exec_tlib_link_*), labelled by link name; several links may share one
// registry, so an existing metric is reused rather than registered twice.
import { Counter, Gauge, perEventCounter, type Registry } from '../../../core/metrics.ts';

type LabelNames = 'link' | 'server' | 'code' | 'server_pair' | 'endpoint';

function counter(
  registry: Registry | undefined,
  name: string,
  help: string,
  labels: LabelNames[],
): Counter<LabelNames> {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Counter<LabelNames>;
  return new Counter({ name, help, labelNames: labels, registers: registry ? [registry] : [] });
}

function gauge(
  registry: Registry | undefined,
  name: string,
  help: string,
  labels: LabelNames[],
): Gauge<LabelNames> {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Gauge<LabelNames>;
  return new Gauge({ name, help, labelNames: labels, registers: registry ? [registry] : [] });
}

export interface LinkMetrics {
  received: { inc(l: { server: string }): void };
  delivered: { inc(): void };
  duplicates: { inc(): void };
  malformed: { inc(l: { server: string; code: string }): void };
  connected: { set(l: { server: string }, v: number): void };
  disconnects: { inc(l: { server: string }): void };
  heartbeatTimeouts: { inc(l: { server: string }): void };
  roleChanges: { inc(l: { server: string }): void };
  /** By configured position: the alert "SIP Server link on backup" needs to know which one is down. */
  endpointConnected: {
    set(l: { server: string; server_pair: string; endpoint: 'primary' | 'backup' }, v: number): void;
  };
}

export function createLinkMetrics(registry: Registry | undefined, link: string): LinkMetrics {
  const received = counter(
    registry,
    'exec_tlib_link_received_total',
    'T-Lib events received, per server, before de-duplication',
    ['link', 'server'],
  );
  const delivered = counter(
    registry,
    'exec_tlib_link_delivered_total',
    'T-Lib events passed on (each once)',
    ['link'],
  ).labels({ link });
  const duplicates = counter(
    registry,
    'exec_tlib_link_duplicates_total',
    'T-Lib events dropped as the other server’s copy',
    ['link'],
  ).labels({ link });
  const malformed = counter(
    registry,
    'exec_tlib_link_malformed_total',
    'Malformed T-Lib lines skipped, by server and reason',
    ['link', 'server', 'code'],
  );
  const connected = gauge(
    registry,
    'exec_tlib_link_connected',
    '1 while the connection to the server is up',
    ['link', 'server'],
  );
  const disconnects = counter(registry, 'exec_tlib_link_disconnects_total', 'Connections to a server lost', [
    'link',
    'server',
  ]);
  const heartbeatTimeouts = counter(
    registry,
    'exec_tlib_link_heartbeat_timeouts_total',
    'Servers dropped for silence',
    ['link', 'server'],
  );
  const roleChanges = counter(
    registry,
    'exec_tlib_link_role_changes_total',
    'Primary/backup role changes seen',
    ['link', 'server'],
  );
  const endpointConnected = gauge(
    registry,
    'exec_tlib_link_endpoint_connected',
    '1 while the connection is up, by pair of the server list (1-based) and configured endpoint (primary/backup)',
    ['link', 'server_pair', 'endpoint', 'server'],
  );
  // Counted per event: a label lookup each time would cost more than the event.
  const receivedBy = perEventCounter(received);
  return {
    received: { inc: ({ server }) => receivedBy.inc({ link, server }) },
    delivered,
    duplicates,
    malformed: { inc: (l) => malformed.inc({ link, ...l }) },
    connected: { set: (l, v) => connected.set({ link, ...l }, v) },
    disconnects: { inc: (l) => disconnects.inc({ link, ...l }) },
    heartbeatTimeouts: { inc: (l) => heartbeatTimeouts.inc({ link, ...l }) },
    roleChanges: { inc: (l) => roleChanges.inc({ link, ...l }) },
    endpointConnected: { set: (l, v) => endpointConnected.set({ link, ...l }, v) },
  };
}
