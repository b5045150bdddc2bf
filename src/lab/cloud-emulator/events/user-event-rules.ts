// Per-event rules of the presence and routing-status Events API endpoints (pure checks) and their effect.
import { isUuid } from '../ids.ts';
import { ROUTING_STATUSES, type Org } from '../state.ts';

type Ev = Record<string, unknown>;
const STATUSES = new Set<string>(ROUTING_STATUSES);

function sourceProblem(org: Org, sourceId: unknown): string | undefined {
  if (!isUuid(sourceId)) return 'sourceId must be a UUID';
  const s = org.sources.get(sourceId);
  if (!s) return `sourceId ${sourceId} is not a known presence source`;
  return s.deactivated ? `source ${sourceId} is deactivated` : undefined;
}

export function checkPresenceEvent(org: Org, ev: Ev, ms: number): string | undefined {
  if (Number.isNaN(ms)) return 'eventDateTime must be yyyy-MM-ddTHH:mm:ss[.mmm]Z';
  if (!isUuid(ev.userId)) return 'userId must be a UUID';
  if (!org.users.has(ev.userId)) return `userId ${ev.userId} is not a known user`;
  const bad = sourceProblem(org, ev.sourceId);
  if (bad) return bad;
  if (ev.presenceDefinitionId !== undefined) {
    if (!isUuid(ev.presenceDefinitionId)) return 'presenceDefinitionId must be a UUID';
    const d = org.definitions.get(ev.presenceDefinitionId);
    if (!d) return `presenceDefinitionId ${ev.presenceDefinitionId} is not a known presence definition`;
    if (d.deactivated) return `presence definition ${d.id} is deactivated`;
  }
  if (ev.message !== undefined && typeof ev.message !== 'string') return 'message must be a string';
  return undefined;
}

/** Keeps the newest presence: an older event is accepted (it is valid) but does not replace a newer one. */
export function applyPresenceEvent(org: Org, ev: Ev, ms: number): void {
  const user = org.users.get(ev.userId as string);
  if (!user || (user.presence && user.presence.eventMs > ms)) return;
  const defId = (ev.presenceDefinitionId as string | undefined) ?? user.presence?.presenceDefinitionId;
  const def = defId ? org.definitions.get(defId) : undefined;
  user.presence = {
    systemPresence: def?.systemPresence ?? 'Available',
    presenceDefinitionId: def?.id ?? '',
    sourceId: ev.sourceId as string,
    eventDateTime: ev.eventDateTime as string,
    eventMs: ms,
  };
  if (typeof ev.message === 'string') user.presence.message = ev.message;
}

export function checkRoutingStatusEvent(org: Org, ev: Ev, ms: number): string | undefined {
  if (Number.isNaN(ms)) return 'eventDateTime must be yyyy-MM-ddTHH:mm:ss[.mmm]Z';
  if (!isUuid(ev.agentId)) return 'agentId must be a UUID';
  if (!org.users.has(ev.agentId)) return `agentId ${ev.agentId} is not a known user`;
  if (!STATUSES.has(ev.status as string)) return `status must be one of ${ROUTING_STATUSES.join(', ')}`;
  return sourceProblem(org, ev.sourceId);
}

export function applyRoutingStatusEvent(org: Org, ev: Ev, ms: number): void {
  const user = org.users.get(ev.agentId as string);
  if (!user || (user.routingStatus && user.routingStatus.eventMs > ms)) return;
  user.routingStatus = {
    status: ev.status as string,
    sourceId: ev.sourceId as string,
    eventDateTime: ev.eventDateTime as string,
    eventMs: ms,
  };
}
