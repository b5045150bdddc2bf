// EXAS's /health entries: the Stat Server link (critical) and each endpoint of the pair, EXCS (the scope)
// and Genesys Cloud (not critical: events wait in the publisher until they can go).
import type { HealthCheck } from '../../core/http/health.ts';
import type { StatLinkClient } from '../../engage/statserver/link-client.ts';
import type { ScopeWatcher } from '../shared/excs-client.ts';
import type { LazyCloud } from '../shared/lazy-cloud.ts';
import type { CloudHealth } from './cloud-health.ts';

export interface ExasHealthSources {
  link: StatLinkClient;
  watcher: ScopeWatcher;
  agentsInScope(): number;
  cloudHealth: CloudHealth;
  /** Absent when events go to a sink instead of Genesys Cloud: the last known state is all there is. */
  cloud?: LazyCloud;
}

function endpointCheck(link: StatLinkClient, name: 'primary' | 'backup'): HealthCheck {
  return {
    name: `statserver-${name}`,
    critical: false,
    check: () => {
      if (name === 'backup' && !link.hasBackup()) return { ok: true, detail: 'not configured' };
      const s = link.endpointStatus(name);
      const ok = s.state === 'active' || (link.activeEndpoint !== undefined && s.state !== 'down');
      return { ok, detail: s.detail ? `${s.state}: ${s.detail}` : s.state };
    },
  };
}

export function exasHealthChecks(s: ExasHealthSources): HealthCheck[] {
  const { link, watcher, cloudHealth, cloud } = s;
  return [
    {
      name: 'statserver',
      check: () => {
        const a = link.activeEndpoint;
        return a ? { ok: true, detail: `active on ${a}` } : { ok: false, detail: 'no Stat Server link' };
      },
    },
    endpointCheck(link, 'primary'),
    endpointCheck(link, 'backup'),
    {
      name: 'excs',
      critical: false,
      check: () =>
        watcher.lastError
          ? { ok: false, detail: watcher.lastError }
          : { ok: watcher.lastOk > 0, detail: `${s.agentsInScope()} agents in scope` },
    },
    {
      name: 'genesys-cloud',
      critical: false,
      async check() {
        if (!cloud) return cloudHealth.state;
        try {
          await (await cloud.get()).checkLogin();
          return cloudHealth.state.ok ? cloudHealth.state : { ok: true, detail: 'logged in' };
        } catch (err) {
          return { ok: false, detail: (err as Error).message };
        }
      },
    },
  ];
}
