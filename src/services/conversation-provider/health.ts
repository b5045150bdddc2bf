// /health entries of the SIP Server links: each server of each pair with its role and state. A link is
// up while every pair has at least one server connected and registered (the other copy of each event
// comes from it), which is what EXCP needs to miss nothing.
import type { HealthCheck } from '../../core/http/health.ts';
import type { TlibLinkStatus } from '../../engage/tlib/link/index.ts';
import type { LinkKind } from './core/api.ts';

export function describeLink(s: TlibLinkStatus): { ok: boolean; detail: string } {
  const ok = s.pairs.every((p) => p.servers.some((srv) => srv.connected && srv.registered));
  const detail = s.pairs
    .map((p) =>
      p.servers
        .map(
          (srv) =>
            `${srv.name} ${srv.role} ${srv.connected ? (srv.registered ? 'up' : 'connected') : 'down'}`,
        )
        .join(', '),
    )
    .join('; ');
  return { ok, detail };
}

export function linkHealth(kind: LinkKind, status: () => TlibLinkStatus | undefined): HealthCheck {
  return {
    name: `sip-${kind}`,
    check: () => {
      const s = status();
      return s ? describeLink(s) : { ok: false, detail: 'not started' };
    },
  };
}

/** The other dependencies: EXCS's directory, Genesys Cloud (login and the last answers), the lease. */
export function dependencyHealth(d: {
  directory: () => { lastError?: string | undefined; counts?: unknown } | undefined;
  cloud: () => Promise<{ checkLogin(): Promise<unknown> }>;
  cloudState: () => { ok: boolean; detail?: string };
  processing: () => Promise<{ holder: string | null; self: boolean; outbox: number; cursor: string }>;
}): HealthCheck[] {
  return [
    {
      name: 'excs',
      critical: false,
      check: () => {
        const dir = d.directory();
        return dir?.lastError
          ? { ok: false, detail: dir.lastError }
          : dir?.counts
            ? { ok: true, detail: JSON.stringify(dir.counts) }
            : { ok: false, detail: 'no directory yet' };
      },
    },
    {
      name: 'genesys-cloud',
      critical: false,
      async check() {
        try {
          await (await d.cloud()).checkLogin();
          return d.cloudState();
        } catch (err) {
          return { ok: false, detail: (err as Error).message };
        }
      },
    },
    {
      name: 'processing',
      critical: false,
      async check() {
        const p = await d.processing();
        const who = p.self ? 'this instance' : p.holder ? `held by ${p.holder}` : 'no holder';
        return {
          ok: p.holder !== null,
          detail: `lease ${who}; outbox ${p.outbox}; inbox cursor ${p.cursor}`,
        };
      },
    },
  ];
}
