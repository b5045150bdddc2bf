// A SipTopology from the Engage Config DB (the lab Config DB's snapshot), so the simulator plays calls on
// the routing points, VQs, agents, extensions and places config sync sees. The switch with the most
// staffed extensions is the home site, the next one with agents the remote site (generated if none).
// VQs of a dedicated VQ switch (a VQ SIP Server) are played on the home site's pair; routing points are
// generated when the Config DB has none (the lab Config DB models agents and VQs, not IVR).
import type { EngageDn, EngagePerson, EngageSnapshot } from '../../../engage/configdb/model.ts';
import { generateTopology, type SipAgent, type SipSite, type SipTopology } from './topology.ts';

export interface TopologyFromSnapshotOptions {
  /** Whether an agent is within the connector's sync scope (default: all are). */
  inScope?: (person: EngagePerson) => boolean;
}

const enabled = <T extends { state: string }>(x: T): boolean => x.state === 'enabled';

function siteOf(
  snapshot: EngageSnapshot,
  switchDbid: number,
  opts: TopologyFromSnapshotOptions,
): SipSite | undefined {
  const sw = snapshot.switches.find((s) => s.dbid === switchDbid);
  if (!sw) return undefined;
  const dns = snapshot.dns.filter((d) => d.switchDbid === switchDbid && enabled(d));
  const byType = (t: string): EngageDn[] => dns.filter((d) => d.typeName === t);
  const extensions = byType('Extension');
  const places = new Map(snapshot.places.filter(enabled).map((p) => [p.dbid, p]));
  const agents: SipAgent[] = [];
  const staffed = new Set<string>();
  for (const person of snapshot.persons) {
    if (!person.isAgent || !enabled(person) || !person.employeeId || person.placeDbid === null) continue;
    const login = person.agentLogins.find((l) => l.switchDbid === switchDbid && l.state === 'enabled');
    const place = places.get(person.placeDbid);
    const ext = extensions.find((d) => place?.dnDbids.includes(d.dbid) || d.placeDbid === person.placeDbid);
    if (!login || !place || !ext || staffed.has(ext.number)) continue;
    staffed.add(ext.number);
    agents.push({
      employeeId: person.employeeId,
      agentId: login.loginCode,
      extension: ext.number,
      place: place.name,
      inScope: opts.inScope?.(person) ?? true,
      ...(person.htccRoles.some((r) => r.toLowerCase() === 'supervisor') ? { supervisor: true } : {}),
    });
  }
  return {
    switchName: sw.name,
    routingPoints: byType('RoutingPoint').map((d) => d.number),
    virtualQueues: byType('VirtACDQueue').map((d) => d.number),
    agents,
    unstaffedExtensions: extensions.map((d) => d.number).filter((n) => !staffed.has(n)),
  };
}

/**
 * The topology of a Config DB snapshot. Throws when the home site cannot play the scenarios (it needs a
 * routing point, a VQ and three in-scope agents); generated parts fill what the remote site lacks.
 */
export function topologyFromSnapshot(
  snapshot: EngageSnapshot,
  opts: TopologyFromSnapshotOptions = {},
): SipTopology {
  const sites = snapshot.switches
    .map((s) => siteOf(snapshot, s.dbid, opts))
    .filter((s): s is SipSite => s !== undefined)
    .sort((a, b) => b.agents.length - a.agents.length);
  const home = sites[0];
  if (!home) throw new Error('Config DB topology: no switch');
  const generated = generateTopology();
  if (!home.virtualQueues.length) home.virtualQueues = sites.flatMap((s) => s.virtualQueues);
  if (!home.routingPoints.length) home.routingPoints = generated.home.routingPoints;
  if (!home.unstaffedExtensions.length) home.unstaffedExtensions = generated.home.unstaffedExtensions;
  if (!home.agents.some((a) => !a.inScope)) {
    // The out-of-scope scenario needs one: an extra agent on an extension the switch does not use.
    const used = new Set([...home.agents.map((a) => a.extension), ...home.unstaffedExtensions]);
    let ext = 69990;
    while (used.has(String(ext))) ext++;
    home.agents.push({
      ...generated.home.agents[9]!,
      extension: String(ext),
      place: `Place_${ext}`,
      inScope: false,
    });
  }
  if (!home.agents.some((a) => a.supervisor)) {
    const first = home.agents.find((a) => a.inScope);
    if (first) first.supervisor = true;
  }
  const problems: string[] = [];
  if (!home.routingPoints.length) problems.push(`switch ${home.switchName} has no routing point`);
  if (!home.virtualQueues.length) problems.push(`switch ${home.switchName} has no virtual queue`);
  if (home.agents.filter((a) => a.inScope && !a.supervisor).length < 3)
    problems.push(
      `switch ${home.switchName} has fewer than 3 in-scope agents with an extension at their place`,
    );
  if (problems.length) throw new Error(`Config DB topology: ${problems.join('; ')}`);
  const remote = sites.slice(1).find((s) => s.agents.length > 0) ?? generated.remote;
  return {
    tenant: snapshot.tenants[0]?.name ?? 'Resources',
    home,
    remote,
    dnis: generated.dnis,
    externalNumbers: generated.externalNumbers,
  };
}
