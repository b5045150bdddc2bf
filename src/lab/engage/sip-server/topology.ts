// The switch layout the simulator plays calls over: routing points, virtual queues, agents with their
// extensions and places, on a home site and a remote site (for the multi-site scenarios). Generated here,
// or handed over by the lab Config DB (which builds a `SipTopology` from its own rows).

export interface SipAgent {
  employeeId: string;
  /** The agent login (AttributeAgentID). */
  agentId: string;
  extension: string;
  place: string;
  /** False for agents outside the connector's sync scope (folder filtering). */
  inScope: boolean;
  supervisor?: boolean;
}

export interface SipSite {
  /** The switch name, also the AttributeLocation of events from this site. */
  switchName: string;
  routingPoints: string[];
  virtualQueues: string[];
  agents: SipAgent[];
  /** Extensions on which no agent ever logs in (remote consultants). */
  unstaffedExtensions: string[];
}

export interface SipTopology {
  tenant: string;
  home: SipSite;
  /** The second SIP Server of a multi-site contact center. */
  remote: SipSite;
  /** DNIS numbers callers dial, and the external numbers agents call or transfer to. */
  dnis: string[];
  externalNumbers: string[];
}

export interface GenerateTopologyOptions {
  agents?: number;
  remoteAgents?: number;
  routingPoints?: number;
  virtualQueues?: number;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function agentsOf(prefix: string, firstExt: number, count: number, outOfScopeEvery: number): SipAgent[] {
  return Array.from({ length: count }, (_, i) => ({
    employeeId: `${prefix}${pad(i + 1, 4)}`,
    agentId: String(firstExt - 5000 + i),
    extension: String(firstExt + i),
    place: `Place_${firstExt + i}`,
    // Every n-th agent is outside the sync scope, and the first agent of a site supervises.
    inScope: outOfScopeEvery === 0 || (i + 1) % outOfScopeEvery !== 0,
    ...(i === 0 ? { supervisor: true } : {}),
  }));
}

/** A small generated contact center (the default when no Config DB topology is given). */
export function generateTopology(opts: GenerateTopologyOptions = {}): SipTopology {
  const n = Math.max(6, opts.agents ?? 20);
  const m = Math.max(3, opts.remoteAgents ?? 6);
  const rps = Math.max(2, opts.routingPoints ?? 2);
  const vqs = Math.max(2, opts.virtualQueues ?? 3);
  const vqNames = ['VQ_Sales', 'VQ_Support', 'VQ_Billing', 'VQ_Retention', 'VQ_Claims'];
  return {
    tenant: 'Resources',
    home: {
      switchName: 'SIP_Switch_A',
      routingPoints: Array.from({ length: rps }, (_, i) => String(5000 + i)),
      virtualQueues: Array.from({ length: vqs }, (_, i) => vqNames[i] ?? `VQ_${i + 1}`),
      agents: agentsOf('EMP', 6001, n, 10),
      unstaffedExtensions: ['6901', '6902'],
    },
    remote: {
      switchName: 'SIP_Switch_B',
      routingPoints: ['7500'],
      virtualQueues: ['VQ_RemoteSales'],
      agents: agentsOf('REM', 7001, m, 0),
      unstaffedExtensions: ['7901'],
    },
    dnis: ['8005550100', '8005550101'],
    externalNumbers: ['+14155550111', '+14155550122', '+14155550133'],
  };
}

/** Every DN of a site that clients may register (RPs, VQs, extensions). */
export function siteDns(site: SipSite): string[] {
  return [
    ...site.routingPoints,
    ...site.virtualQueues,
    ...site.agents.map((a) => a.extension),
    ...site.unstaffedExtensions,
  ];
}
