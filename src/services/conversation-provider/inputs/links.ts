// The seed's three SIP Server clients (VQ DNs, extension DNs, call monitoring), each a T-Lib HA link over
// one or more primary/backup pairs. Every event they pass on goes to `onEvent` with its link, its site and
// its pair; the DNs registered follow the directory.
import type { Logger } from '../../../core/logger.ts';
import type { Registry } from '../../../core/metrics.ts';
import type { TEvent } from '../../../engage/tlib/index.ts';
import {
  createTlibLink,
  endpointName,
  parseServerList,
  type TlibLink,
  type TlibLinkStatus,
} from '../../../engage/tlib/link/index.ts';
import type { LinkKind } from '../core/api.ts';
import type { DirectorySnapshot } from './directory.ts';
import type { SiteResolver } from './sites.ts';

export const LINK_KINDS: readonly LinkKind[] = ['vq', 'agent', 'call'];

export interface LinkSetOptions {
  servers: Record<LinkKind, string>;
  heartbeatMs: number;
  logger: Logger;
  registry: Registry;
  sites: SiteResolver;
  directory(): DirectorySnapshot | undefined;
  onEvent(input: { link: LinkKind; site: string; event: TEvent; at: number }, pair: number): void;
}

export class LinkSet {
  readonly links = new Map<LinkKind, TlibLink>();
  private readonly registered = new Map<LinkKind, Set<string>>();
  private readonly statuses = new Map<LinkKind, TlibLinkStatus>();

  constructor(private readonly o: LinkSetOptions) {}

  start(): void {
    for (const kind of LINK_KINDS) {
      const pairKeys = parseServerList(this.o.servers[kind]).map((p) => endpointName(p.primary));
      this.registered.set(kind, new Set());
      const link = createTlibLink({
        name: kind,
        servers: this.o.servers[kind],
        dns: [],
        callMonitoring: kind === 'call',
        heartbeatMs: this.o.heartbeatMs,
        logger: this.o.logger,
        registry: this.o.registry,
        onStatus: (s) => this.statuses.set(kind, s),
        onEvent: (event, origin) => {
          const pairKey = pairKeys[origin.pair] ?? origin.server;
          const site = this.o.sites.resolve(kind, event, origin.server, pairKey, this.o.directory());
          this.o.onEvent({ link: kind, site, event, at: Date.now() }, origin.pair);
        },
      });
      this.links.set(kind, link);
      this.statuses.set(kind, link.status());
    }
  }

  /** Registers the directory's DNs (queues on the VQ link, extensions on the agent link), drops the rest. */
  follow(dir: DirectorySnapshot): { added: number; removed: number } {
    let added = 0;
    let removed = 0;
    const want: [LinkKind, string[]][] = [
      ['vq', dir.queueDns],
      ['agent', dir.extensionDns],
    ];
    for (const [kind, dns] of want) {
      const link = this.links.get(kind);
      const have = this.registered.get(kind);
      if (!link || !have) continue;
      const next = new Set(dns);
      const add = dns.filter((d) => !have.has(d));
      const drop = [...have].filter((d) => !next.has(d));
      if (add.length) link.addDns(add);
      if (drop.length) link.removeDns(drop);
      this.registered.set(kind, next);
      added += add.length;
      removed += drop.length;
    }
    return { added, removed };
  }

  status(kind: LinkKind): TlibLinkStatus | undefined {
    return this.links.get(kind)?.status();
  }

  registeredCount(kind: LinkKind): number {
    return this.registered.get(kind)?.size ?? 0;
  }

  async close(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.close()));
  }
}
