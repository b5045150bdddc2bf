// Which events of one conversation may share a request. The API groups a request's events by type and
// does not say in what order it applies them (the emulator shuffles the arrays), so events share a
// request only when every order gives the same result: each acts on its own communication, none
// refers to another's, and none can change what another is checked against. Conservatively:
// - only events on one communication each (established, answered, hold, audio, ended, disposition);
//   transfer and consult events span communications and always go alone;
// - never two events on the same communication;
// - at most one `*Established` (the first one may create the conversation, and which one does would
//   depend on the order), and none that names another member as `invitedBy`;
// - never an `*Established` with a `communicationEnded`: ending the last open communication may end the
//   conversation, and whether a communication may still join it then is not published.
import type { TaggedConversationEvent } from './areas/events.ts';

type Kind = TaggedConversationEvent['kind'];

const ESTABLISHED = new Set<Kind>([
  'externalEstablishedEvents',
  'ivrEstablishedEvents',
  'phoneEstablishedEvents',
  'routingEstablishedEvents',
  'userEstablishedEvents',
]);

const ON_ONE_COMMUNICATION = new Set<Kind>([
  ...ESTABLISHED,
  'communicationAnsweredEvents',
  'holdUpdatedEvents',
  'audioUpdatedEvents',
  'communicationEndedEvents',
  'communicationDispositionAppliedEvents',
]);

interface Shape {
  communicationId: string;
  established: boolean;
  ended: boolean;
  invitedBy: string | undefined;
}

/** What the rule looks at, or undefined for an event that always goes alone. */
function shape(t: TaggedConversationEvent): Shape | undefined {
  if (!ON_ONE_COMMUNICATION.has(t.kind)) return undefined;
  const ev = t.event as { communicationId?: unknown; initialConfiguration?: { invitedBy?: unknown } };
  if (typeof ev.communicationId !== 'string') return undefined;
  const invitedBy = ev.initialConfiguration?.invitedBy;
  return {
    communicationId: ev.communicationId,
    established: ESTABLISHED.has(t.kind),
    ended: t.kind === 'communicationEndedEvents',
    invitedBy: typeof invitedBy === 'string' ? invitedBy : undefined,
  };
}

/** True when `next` may go in one request with `group` (events of its conversation, in order). */
export function mayJoin(group: readonly TaggedConversationEvent[], next: TaggedConversationEvent): boolean {
  const n = shape(next);
  if (!n) return false;
  for (const g of group) {
    const s = shape(g);
    if (!s || s.communicationId === n.communicationId) return false;
    if (s.established && n.established) return false;
    if ((s.established && n.ended) || (s.ended && n.established)) return false;
    if (n.invitedBy === s.communicationId || s.invitedBy === n.communicationId) return false;
  }
  return true;
}
