// The T-Lib JSON link client: for every SIP Server pair of the seed's list, a connection to the primary
// and one to the backup, both registered; what they send is merged into one stream with every event
// passed on exactly once (see dedup.ts and docs/tlib-link.md).
import { limitedWarn } from '../../../core/repeat-limiter.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Registry } from '../../../core/metrics.ts';
import type { TlibDecodeError } from '../codec/errors.ts';
import type { TEvent } from '../model/types.ts';
import { TlibConnection, type ServerRoleName } from './connection.ts';
import { PairDeduplicator } from './dedup.ts';
import { decodeJsonLine } from '../codec/decode.ts';
import { createLinkMetrics } from './metrics.ts';
import { parseServerList } from './servers.ts';

export interface EventOrigin {
  /** host:port of the server whose copy was passed on. */
  server: string;
  /** Index of the pair in the server list. */
  pair: number;
  role: ServerRoleName;
}

export interface TlibLinkOptions {
  /** `primary:port/backup:port[,primary:port/backup:port…]`. */
  servers: string;
  dns: readonly string[];
  callMonitoring: boolean;
  /** How often to ask each server for a sign of life (RequestQueryServer). */
  heartbeatMs: number;
  /** Silence after which a server is taken for dead (default 2 × heartbeatMs + 1 s). */
  deadAfterMs?: number;
  logger: Logger;
  registry?: Registry;
  /** Names the link in logs and metrics (EXCP runs one per event kind: vq, agent, call). */
  name?: string;
  onEvent(event: TEvent, origin: EventOrigin): void;
  /** Connection and role changes, for health reporting. */
  onStatus?(status: TlibLinkStatus): void;
  backoff?: { minMs: number; maxMs: number };
  /** How many recent event keys each pair remembers for de-duplication. */
  dedupWindow?: number;
}

export interface TlibLinkStatus {
  pairs: { servers: { name: string; connected: boolean; registered: boolean; role: ServerRoleName }[] }[];
}

export interface TlibLink {
  status(): TlibLinkStatus;
  /** Resolves once every server of every pair (all: true) or at least one per pair is registered. */
  ready(opts?: { all?: boolean; timeoutMs?: number }): Promise<void>;
  /** Registers more DNs on every server (and on every later connection). */
  addDns(dns: readonly string[]): void;
  /** Unregisters DNs on every server. */
  removeDns(dns: readonly string[]): void;
  /** Events passed on, duplicates dropped, malformed lines skipped, since start. */
  counters(): { delivered: number; duplicates: number; malformed: number };
  close(): Promise<void>;
}

export function createTlibLink(opts: TlibLinkOptions): TlibLink {
  const pairs = parseServerList(opts.servers);
  const linkName = opts.name ?? 'tlib';
  const metrics = createLinkMetrics(opts.registry, linkName);
  const counts = { delivered: 0, duplicates: 0, malformed: 0 };
  const backoff = opts.backoff ?? { minMs: 100, maxMs: 5000 };
  const log = opts.logger.child({ link: linkName });
  const warnMalformed = limitedWarn(log);
  const dns = new Set(opts.dns);

  const groups = pairs.map((p, pairIndex) => {
    const dedup = new PairDeduplicator(opts.dedupWindow);
    const endpoints = p.backup ? [p.primary, p.backup] : [p.primary];
    const conns: TlibConnection[] = [];
    const onMalformed = (e: TlibDecodeError, c: TlibConnection): void => {
      counts.malformed++;
      metrics.malformed.inc({ server: c.name, code: e.code });
      warnMalformed(
        `malformed:${c.name}`,
        { server: c.name, line: e.line, code: e.code, malformedSoFar: counts.malformed },
        e.message,
      );
    };
    const onEventLine = (line: string, lineNo: number, key: string, c: TlibConnection): void => {
      const from = conns.indexOf(c) as 0 | 1;
      metrics.received.inc({ server: c.name });
      if (!dedup.accept(key, from)) {
        counts.duplicates++;
        metrics.duplicates.inc();
        return;
      }
      const r = decodeJsonLine(line, { server: c.name, line: lineNo });
      if (!r.ok) {
        dedup.reject(key, from);
        return onMalformed(r.error, c);
      }
      const m = r.message;
      if (m.kind !== 'event') {
        // A request from a server (its name was only found nested): not an event to pass on.
        dedup.reject(key, from);
        return;
      }
      counts.delivered++;
      metrics.delivered.inc();
      try {
        opts.onEvent(m as TEvent, { server: c.name, pair: pairIndex, role: c.role });
      } catch (err) {
        log.error({ err, event: m.name, server: c.name }, 'onEvent handler failed');
      }
    };
    for (const endpoint of endpoints) {
      conns.push(
        new TlibConnection({
          endpoint,
          dns,
          callMonitoring: opts.callMonitoring,
          heartbeatMs: opts.heartbeatMs,
          ...(opts.deadAfterMs !== undefined ? { deadAfterMs: opts.deadAfterMs } : {}),
          backoff,
          logger: log,
          onEventLine,
          onMalformed,
          onState: (c, what) => {
            metrics.connected.set({ server: c.name }, c.connected ? 1 : 0);
            metrics.endpointConnected.set(
              {
                server: c.name,
                server_pair: String(pairIndex + 1),
                endpoint: conns.indexOf(c) === 0 ? 'primary' : 'backup',
              },
              c.connected ? 1 : 0,
            );
            if (what === 'disconnected') metrics.disconnects.inc({ server: c.name });
            if (what === 'dead') metrics.heartbeatTimeouts.inc({ server: c.name });
            if (what === 'role') metrics.roleChanges.inc({ server: c.name });
            log.info({ server: c.name, what, role: c.role }, `T-Lib server ${what}`);
            opts.onStatus?.(status());
          },
        }),
      );
    }
    // Present from the start: a primary down since start-up must show as 0, not as no series.
    conns.forEach((c, i) =>
      metrics.endpointConnected.set(
        { server: c.name, server_pair: String(pairIndex + 1), endpoint: i === 0 ? 'primary' : 'backup' },
        0,
      ),
    );
    return { conns };
  });

  const status = (): TlibLinkStatus => ({
    pairs: groups.map((g) => ({
      servers: g.conns.map((c) => ({
        name: c.name,
        connected: c.connected,
        registered: c.registered,
        role: c.role,
      })),
    })),
  });

  for (const g of groups) for (const c of g.conns) c.start();

  return {
    status,
    counters: () => ({ ...counts }),
    addDns: (more) => {
      const fresh = more.filter((dn) => !dns.has(dn));
      for (const dn of fresh) dns.add(dn);
      for (const g of groups) for (const c of g.conns) c.registerDns(fresh, true);
    },
    removeDns: (gone) => {
      const known = gone.filter((dn) => dns.has(dn));
      for (const dn of known) dns.delete(dn);
      for (const g of groups) for (const c of g.conns) c.registerDns(known, false);
    },
    ready: async ({ all = true, timeoutMs = 10_000 } = {}) => {
      const deadline = Date.now() + timeoutMs;
      const ok = (): boolean =>
        groups.every((g) => (all ? g.conns.every((c) => c.registered) : g.conns.some((c) => c.registered)));
      while (!ok()) {
        if (Date.now() > deadline)
          throw new Error(`T-Lib link ${linkName}: not registered after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      for (const g of groups) for (const c of g.conns) c.stop();
    },
  };
}
