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
