// Whether an event whose request's answer never arrived (its sender was killed, or the request failed
// ambiguously) was applied, read from the conversation as GET /api/v2/conversations/{id} shows it.
// A conversation's events share a request only when they act on different communications and do not
// refer to each other (cloud/event-commute.ts); otherwise they go one request at a time (outbox-queues.ts). So
// everything before the event in doubt on its communication was applied and nothing after it was sent:
// the event was applied exactly when its own effect shows.
// How an injected conversation reads back is UNCONFIRMED (docs/conversation-provider.md, "Exactly once").
import type { Models } from 'purecloud-platform-client-v2';
import type { TaggedConversationEvent } from '../../../cloud/areas/events.ts';

type Ev = Record<string, unknown>;

/** Transfer states that follow a progress (ours and the final ones). */
const PAST_INITIATED = new Set(['Progressing', 'Ended', 'Completed', 'Canceled', 'Failed']);

function callOf(conv: Models.Conversation, communicationId: unknown): Models.Call | undefined {
  for (const p of conv.participants ?? [])
    for (const c of p.calls ?? []) if (c.id === communicationId) return c;
  return undefined;
}

function participantOf(conv: Models.Conversation, communicationId: unknown): Models.Participant | undefined {
  return (conv.participants ?? []).find((p) => (p.calls ?? []).some((c) => c.id === communicationId));
}

const transferOf = (conv: Models.Conversation, id: unknown) =>
  (conv.recentTransfers ?? []).find((t) => t.id === id);

/** One consult at a time: the latest one (consults are listed under their destination communication). */
const lastConsult = (conv: Models.Conversation) =>
  (conv.recentTransfers ?? []).filter((t) => callOf(conv, t.id) !== undefined).at(-1);

/**
 * True when the event's effect shows in the conversation (it was applied), false when it does not;
 * undefined for an event with no visible effect (audioUpdated), which is then sent again.
 */
export function appliedIn(
  tagged: TaggedConversationEvent,
  conv: Models.Conversation | undefined,
): boolean | undefined {
  const ev: Ev = { ...tagged.event };
  if (!conv) return tagged.kind === 'audioUpdatedEvents' ? undefined : false;
  switch (tagged.kind) {
    case 'externalEstablishedEvents':
    case 'ivrEstablishedEvents':
    case 'phoneEstablishedEvents':
    case 'routingEstablishedEvents':
    case 'userEstablishedEvents':
      return callOf(conv, ev.communicationId) !== undefined;
    case 'communicationAnsweredEvents':
      return callOf(conv, ev.communicationId)?.connectedTime !== undefined;
    case 'holdUpdatedEvents': {
      const call = callOf(conv, ev.communicationId);
      return call !== undefined && call.held === ev.held;
    }
    case 'communicationEndedEvents':
      return callOf(conv, ev.communicationId)?.state === 'disconnected';
    case 'communicationDispositionAppliedEvents': {
      const p = participantOf(conv, ev.communicationId);
      return p !== undefined && (p.wrapup !== undefined || p.wrapupSkipped === true);
    }
    case 'routingTransferEvents':
    case 'userTransferEvents':
    case 'phoneTransferEvents':
      return transferOf(conv, ev.commandId) !== undefined;
    case 'progressTransferEvents':
      return PAST_INITIATED.has(transferOf(conv, ev.commandId)?.state ?? '');
    case 'endTransferEvents':
      return transferOf(conv, ev.commandId)?.state === ev.finalState;
    case 'consultTransferEvents': {
      const last = lastConsult(conv);
      return last !== undefined && last.id === ev.destinationCommunicationId && last.state !== 'Ended';
    }
    case 'progressConsultTransferEvents':
      return lastConsult(conv)?.state === 'Progressing';
    case 'endConsultTransferEvents':
      return lastConsult(conv)?.state === 'Ended';
    default:
      return undefined;
  }
}
