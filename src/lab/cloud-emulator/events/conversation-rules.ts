// The per-event rules of POST /api/v2/events/conversations, as pure checks (reason string or undefined)
// plus the state change of an accepted event. Every check is O(1): Map lookups on the org and the
// conversation only.
import { isNonEmptyString, isUuid } from '../ids.ts';
import type { Org } from '../state.ts';
import type { Communication, Conversation, Party } from './conversation-state.ts';

export type ConversationEventType =
  | 'externalEstablished'
  | 'ivrEstablished'
  | 'phoneEstablished'
  | 'routingEstablished'
  | 'userEstablished'
  | 'communicationAnswered'
  | 'holdUpdated'
  | 'audioUpdated'
  | 'communicationDispositionApplied'
  | 'communicationEnded'
  | 'routingTransfer'
  | 'userTransfer'
  | 'phoneTransfer'
  | 'progressTransfer'
  | 'endTransfer'
  | 'consultTransfer'
  | 'progressConsultTransfer'
  | 'endConsultTransfer';

/** Request array name → event type, and the rank that orders same-instant events of one batch. */
export const CONVERSATION_ARRAYS: Record<string, { type: ConversationEventType; rank: number }> = {
  externalEstablishedEvents: { type: 'externalEstablished', rank: 0 },
  ivrEstablishedEvents: { type: 'ivrEstablished', rank: 0 },
  phoneEstablishedEvents: { type: 'phoneEstablished', rank: 0 },
  routingEstablishedEvents: { type: 'routingEstablished', rank: 0 },
  userEstablishedEvents: { type: 'userEstablished', rank: 0 },
  routingTransferEvents: { type: 'routingTransfer', rank: 1 },
  userTransferEvents: { type: 'userTransfer', rank: 1 },
  phoneTransferEvents: { type: 'phoneTransfer', rank: 1 },
  consultTransferEvents: { type: 'consultTransfer', rank: 1 },
  communicationAnsweredEvents: { type: 'communicationAnswered', rank: 2 },
  holdUpdatedEvents: { type: 'holdUpdated', rank: 3 },
  audioUpdatedEvents: { type: 'audioUpdated', rank: 3 },
  progressTransferEvents: { type: 'progressTransfer', rank: 4 },
  progressConsultTransferEvents: { type: 'progressConsultTransfer', rank: 4 },
  communicationEndedEvents: { type: 'communicationEnded', rank: 5 },
  endTransferEvents: { type: 'endTransfer', rank: 6 },
  endConsultTransferEvents: { type: 'endConsultTransfer', rank: 6 },
  communicationDispositionAppliedEvents: { type: 'communicationDispositionApplied', rank: 7 },
};

/** The email arrays of BatchConversationEventRequest: known to the API, not emulated (voice only). */
export const EMAIL_ARRAYS = new Set([
  'emailBeginTransmittingEvents',
  'emailCommunicationEndedEvents',
  'emailExternalEstablishedEvents',
  'emailFlowEstablishedEvents',
  'emailRoutingEstablishedEvents',
  'emailUserEstablishedEvents',
  'emailCommunicationAnsweredEvents',
  'emailCommunicationDispositionAppliedEvents',
  'emailCommunicationSentMessageEvents',
  'emailHoldUpdatedEvents',
  'emailEndTransferEvents',
  'emailProgressTransferEvents',
  'emailRoutingTransferEvents',
  'emailUserTransferEvents',
]);

export const DISCONNECT_TYPES = new Set([
  'Error',
  'Peer',
  'Self',
  'System',
  'Transfer',
  'TransferACD',
  'TransferConference',
  'TransferConsult',
  'TransferUser',
]);
const TRANSFER_TYPES = new Set(['Attended', 'Unattended']);
const FINAL_STATES = new Set(['Completed', 'Canceled', 'Failed']);

type Ev = Record<string, unknown>;
const isObject = (v: unknown): v is Ev => typeof v === 'object' && v !== null && !Array.isArray(v);

function uuidField(ev: Ev, field: string): string | undefined {
  return isUuid(ev[field])
    ? undefined
    : `${field} must be a UUID (got ${JSON.stringify(ev[field]) ?? 'nothing'})`;
}

function comm(conv: Conversation, ev: Ev, field: string): Communication | string {
  const id = ev[field];
  if (!isUuid(id)) return `${field} must be a UUID (got ${JSON.stringify(id) ?? 'nothing'})`;
  const c = conv.communications.get(id);
  return c ?? `${field} ${id} is not a communication of conversation ${conv.id}`;
}

function notBackwards(c: Communication, ms: number): string | undefined {
  return ms < c.lastMs
    ? `eventDateTime runs backwards on communication ${c.id} (earlier than its previous event)`
    : undefined;
}

function checkEstablished(org: Org, type: ConversationEventType, ev: Ev, conv: Conversation | undefined) {
  const bad = uuidField(ev, 'communicationId');
  if (bad) return bad;
  if (conv?.communications.has(ev.communicationId as string))
    return `communication ${ev.communicationId as string} already exists in conversation ${conv.id}`;
  const ic = ev.initialConfiguration;
  if (!isObject(ic)) return 'initialConfiguration is required';
  if (ic.invitedBy !== undefined) {
    if (!isUuid(ic.invitedBy)) return 'initialConfiguration.invitedBy must be a UUID';
    if (!conv?.communications.has(ic.invitedBy))
      return `initialConfiguration.invitedBy ${ic.invitedBy} is not a communication of this conversation`;
  }
  const sc = ev.sourceConfiguration;
  if (!isObject(sc)) return 'sourceConfiguration is required';
  if (!isUuid(sc.sourceId)) return 'sourceConfiguration.sourceId must be a UUID';
  const source = org.sources.get(sc.sourceId);
  if (!source) return `sourceConfiguration.sourceId ${sc.sourceId} is not a known presence source`;
  if (source.deactivated) return `source ${sc.sourceId} is deactivated`;
  if (!isNonEmptyString(sc.interactionId)) return 'sourceConfiguration.interactionId is required';
  if (type === 'routingEstablished') {
    if (!isUuid(ev.queueId)) return 'queueId must be a UUID';
    if (!org.queues.has(ev.queueId)) return `queueId ${ev.queueId} is not a known queue`;
    return checkSkillsAndLanguage(org, ev);
  }
  if (type === 'userEstablished') {
    if (!isUuid(ev.userId)) return 'userId must be a UUID';
    if (!org.users.has(ev.userId)) return `userId ${ev.userId} is not a known user`;
    if (ev.queueId !== undefined && !(isUuid(ev.queueId) && org.queues.has(ev.queueId)))
      return `queueId ${String(ev.queueId)} is not a known queue`;
  }
  return undefined;
}

function checkSkillsAndLanguage(org: Org, ev: Ev): string | undefined {
  if (ev.skillIds !== undefined) {
    if (!Array.isArray(ev.skillIds)) return 'skillIds must be an array';
    for (const s of ev.skillIds)
      if (!isUuid(s) || !org.skills.has(s)) return `skillId ${String(s)} is not a known skill`;
  }
  if (ev.languageId !== undefined && !(isUuid(ev.languageId) && org.languages.has(ev.languageId)))
    return `languageId ${String(ev.languageId)} is not a known language`;
  return undefined;
}

function checkTransfer(org: Org, type: ConversationEventType, ev: Ev, conv: Conversation, ms: number) {
  if (!TRANSFER_TYPES.has(ev.transferType as string)) return 'transferType must be Attended or Unattended';
  const bad = uuidField(ev, 'commandId');
  if (bad) return bad;
  if (conv.commands.has(ev.commandId as string))
    return `commandId ${ev.commandId as string} was already used`;
  for (const f of ['initiatingCommunicationId', 'targetCommunicationId']) {
    const c = comm(conv, ev, f);
    if (typeof c === 'string') return c;
  }
  const object = comm(conv, ev, 'objectCommunicationId');
  if (typeof object === 'string') return object;
  if (object.ended) return `objectCommunicationId ${object.id} has already ended`;
  if (type === 'routingTransfer') {
    if (!isUuid(ev.destinationQueueId) || !org.queues.has(ev.destinationQueueId))
      return `destinationQueueId ${String(ev.destinationQueueId)} is not a known queue`;
    const s = checkSkillsAndLanguage(org, ev);
    if (s) return s;
  } else if (type === 'userTransfer') {
    if (!isUuid(ev.destinationUserId) || !org.users.has(ev.destinationUserId))
      return `destinationUserId ${String(ev.destinationUserId)} is not a known user`;
  } else if (!isNonEmptyString(ev.destinationPhoneNumber)) return 'destinationPhoneNumber is required';
  return notBackwards(object, ms);
}

/** Why the event is rejected, or undefined when it is valid in the current state. */
export function checkConversationEvent(
  org: Org,
  type: ConversationEventType,
  ev: unknown,
  conv: Conversation | undefined,
  ms: number,
): string | undefined {
  if (!isObject(ev)) return 'an event must be an object';
  if (Number.isNaN(ms))
    return `eventDateTime must be yyyy-MM-ddTHH:mm:ss[.mmm]Z (got ${JSON.stringify(ev.eventDateTime) ?? 'nothing'})`;
  const badConv = uuidField(ev, 'conversationId');
  if (badConv) return badConv;
  if (type.endsWith('Established')) return checkEstablished(org, type, ev, conv);
  if (!conv)
    return `conversation ${ev.conversationId as string} does not exist (no established communication yet)`;
  switch (type) {
    case 'communicationAnswered':
    case 'holdUpdated':
    case 'audioUpdated':
    case 'communicationEnded':
    case 'communicationDispositionApplied': {
      const c = comm(conv, ev, 'communicationId');
      if (typeof c === 'string') return c;
      return checkOnCommunication(org, type, ev, c, ms);
    }
    case 'routingTransfer':
    case 'userTransfer':
    case 'phoneTransfer':
      return checkTransfer(org, type, ev, conv, ms);
    case 'progressTransfer':
    case 'endTransfer': {
      if (!isUuid(ev.commandId)) return 'commandId must be a UUID';
      const cmd = conv.commands.get(ev.commandId);
      if (!cmd) return `commandId ${ev.commandId} has no transfer event before it`;
      if (cmd.finalState) return `transfer ${cmd.id} has already ended (${cmd.finalState})`;
      const object = comm(conv, ev, 'objectCommunicationId');
      if (typeof object === 'string') return object;
      if (type === 'endTransfer')
        return FINAL_STATES.has(ev.finalState as string)
          ? undefined
          : 'finalState must be Completed, Canceled or Failed';
      const dest = comm(conv, ev, 'destinationCommunicationId');
      return typeof dest === 'string' ? dest : undefined;
    }
    case 'consultTransfer':
    case 'progressConsultTransfer': {
      for (const f of ['initiatingCommunicationId', 'destinationCommunicationId', 'objectCommunicationId']) {
        const c = comm(conv, ev, f);
        if (typeof c === 'string') return c;
      }
      return checkConsultOpen(conv, type === 'progressConsultTransfer');
    }
    default:
      return checkConsultOpen(conv, true); // endConsultTransfer
  }
}

/**
 * One consultation at a time per conversation (consult events carry no command id, and seed 003 allows
 * one consult call out of the main call), and progress or end only of an open one. The choice is the
 * connector's (docs/call-flows.md); the scan is over this conversation's accepted events only.
 */
function checkConsultOpen(conv: Conversation, mustBeOpen: boolean): string | undefined {
  let open = false;
  for (let i = conv.events.length - 1; i >= 0; i--) {
    const t = conv.events[i]!.type;
    if (t === 'consultTransfer' || t === 'endConsultTransfer') {
      open = t === 'consultTransfer';
      break;
    }
  }
  if (mustBeOpen && !open)
    return `conversation ${conv.id} has no open consult transfer (no consultTransfer before)`;
  if (!mustBeOpen && open)
    return `conversation ${conv.id} already has an open consult transfer (one at a time)`;
  return undefined;
}

function checkOnCommunication(org: Org, type: ConversationEventType, ev: Ev, c: Communication, ms: number) {
  if (type === 'communicationDispositionApplied') {
    if (c.party !== 'user') return `communication ${c.id} is not a user communication (only agents wrap up)`;
    if (c.dispositioned) return `communication ${c.id} was already dispositioned`;
    if (ev.code !== undefined && !(isUuid(ev.code) && org.wrapupCodes.has(ev.code)))
      return `code ${String(ev.code)} is not a known wrap-up code`;
    if (ev.tags !== undefined && !Array.isArray(ev.tags)) return 'tags must be an array';
    // Wrap-up follows the call (the connector's choice, docs/call-flows.md): the agent's leg ends first.
    if (!c.ended) return `communication ${c.id} has not ended yet (a disposition follows communicationEnded)`;
    return notBackwards(c, ms);
  }
  if (c.ended) return `communication ${c.id} has already ended`;
  if (type === 'communicationAnswered' && c.answered) return `communication ${c.id} was already answered`;
  if (type === 'holdUpdated' && typeof ev.held !== 'boolean') return 'held must be true or false';
  if (type === 'audioUpdated' && !isObject(ev.audioState)) return 'audioState is required';
  if (type === 'communicationEnded') {
    if (!DISCONNECT_TYPES.has(ev.disconnectType as string))
      return `disconnectType must be one of ${[...DISCONNECT_TYPES].join(', ')}`;
    if (ev.destinationConversationId !== undefined && !isUuid(ev.destinationConversationId))
      return 'destinationConversationId must be a UUID';
  }
  return notBackwards(c, ms);
}

const PARTY: Partial<Record<ConversationEventType, Party>> = {
  externalEstablished: 'external',
  ivrEstablished: 'ivr',
  phoneEstablished: 'phone',
  routingEstablished: 'routing',
  userEstablished: 'user',
};

/** Applies an event that passed checkConversationEvent; returns the (possibly new) conversation. */
export function applyConversationEvent(
  org: Org,
  type: ConversationEventType,
  ev: Ev,
  conv: Conversation | undefined,
  ms: number,
): Conversation {
  const at = ev.eventDateTime as string;
  const party = PARTY[type];
  if (party) {
    const sc = ev.sourceConfiguration as Ev;
    const ic = ev.initialConfiguration as Ev;
    if (!conv) {
      conv = {
        id: ev.conversationId as string,
        sourceId: sc.sourceId as string,
        interactionId: sc.interactionId as string,
        startTime: at,
        communications: new Map(),
        commands: new Map(),
        consults: [],
        events: [],
      };
      org.conversations.set(conv.id, conv);
    }
    const c: Communication = {
      id: ev.communicationId as string,
      party,
      alerting: ic.alerting === true,
      answered: false,
      held: false,
      ended: false,
      dispositioned: false,
      startTime: at,
      lastMs: ms,
    };
    if (typeof ev.userId === 'string') c.userId = ev.userId;
    if (typeof ev.queueId === 'string') c.queueId = ev.queueId;
    const phone = ev.phoneNumber ?? ev.ani ?? ev.ivrPhoneNumber;
    if (typeof phone === 'string') c.phoneNumber = phone;
    if (!c.alerting) c.connectedTime = at;
    if (typeof ic.invitedBy === 'string') c.invitedBy = ic.invitedBy;
    if (typeof ic.inbound === 'boolean') c.inbound = ic.inbound;
    conv.communications.set(c.id, c);
  } else {
    conv = conv as Conversation;
    const c =
      typeof ev.communicationId === 'string' ? conv.communications.get(ev.communicationId) : undefined;
    if (c) {
      c.lastMs = ms;
      if (type === 'communicationAnswered') {
        c.answered = true;
        c.alerting = false;
        c.connectedTime = at;
      } else if (type === 'holdUpdated') c.held = ev.held as boolean;
      else if (type === 'communicationEnded') {
        c.ended = true;
        c.held = false;
        c.endTime = at;
        c.disconnectType = ev.disconnectType as string;
      } else if (type === 'communicationDispositionApplied') {
        c.dispositioned = true;
        c.wrapupCodeId = typeof ev.code === 'string' ? ev.code : null;
      }
    }
    if (type === 'routingTransfer' || type === 'userTransfer' || type === 'phoneTransfer') {
      const id = ev.commandId as string;
      const kind = type.slice(0, -'Transfer'.length) as 'routing' | 'user' | 'phone';
      conv.commands.set(id, { id, kind, transferType: ev.transferType as string });
    } else if (type === 'progressTransfer') {
      const cmd = conv.commands.get(ev.commandId as string);
      if (cmd) cmd.progressed = true;
    } else if (type === 'endTransfer') {
      const cmd = conv.commands.get(ev.commandId as string);
      if (cmd) cmd.finalState = ev.finalState as string;
    } else if (type === 'consultTransfer') {
      conv.consults.push({
        destinationCommunicationId: ev.destinationCommunicationId as string,
        progressed: false,
        ended: false,
      });
    } else if (type === 'progressConsultTransfer' || type === 'endConsultTransfer') {
      const open = conv.consults.at(-1);
      if (open && type === 'progressConsultTransfer') open.progressed = true;
      else if (open) open.ended = true;
    }
  }
  conv.events.push({ type, event: ev });
  return conv;
}
