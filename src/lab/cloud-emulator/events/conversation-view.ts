// GET /api/v2/conversations/{conversationId} for an injected conversation, in the platform's native
// `Conversation` shape (SDK model): one participant per injected communication, its one call leg carrying
// the communication id, and the transfers in `recentTransfers`. How the real API shows an injected
// conversation here is UNCONFIRMED (docs/conversation-provider.md, "Exactly once"); this is the choice
// the connector relies on to learn whether an event it may or may not have sent was applied.
import type { Models } from 'purecloud-platform-client-v2';
import type { Communication, Conversation, Party } from './conversation-state.ts';

/** Events API party → native participant purpose (UNCONFIRMED mapping, reference §2). */
const PURPOSE: Record<Party, string> = {
  external: 'customer',
  ivr: 'ivr',
  routing: 'acd',
  user: 'agent',
  phone: 'external',
};

/** Native transfer states: ours for the Events API commands (the real enum is not public). */
export const TRANSFER_STATE = { initiated: 'Initiated', progressing: 'Progressing', ended: 'Ended' };

function callOf(c: Communication): Models.Call {
  const call: Models.Call = {
    id: c.id,
    state: c.ended ? 'disconnected' : c.alerting ? 'alerting' : 'connected',
    direction: c.inbound === false ? 'outbound' : 'inbound',
    held: c.held,
  };
  if (c.connectedTime) call.connectedTime = c.connectedTime;
  if (c.endTime) call.disconnectedTime = c.endTime;
  if (c.disconnectType) call.disconnectType = c.disconnectType;
  if (c.invitedBy) call.peerId = c.invitedBy;
  return call;
}

function participantOf(c: Communication): Models.Participant {
  const p: Models.Participant = {
    id: c.id,
    purpose: PURPOSE[c.party],
    startTime: c.startTime,
    calls: [callOf(c)],
  };
  if (c.endTime) p.endTime = c.endTime;
  if (c.userId) p.userId = c.userId;
  if (c.queueId) p.queueId = c.queueId;
  if (c.phoneNumber) p.address = c.phoneNumber;
  if (c.dispositioned) {
    if (c.wrapupCodeId) p.wrapup = { code: c.wrapupCodeId };
    else p.wrapupSkipped = true;
  }
  return p;
}

export function conversationView(conv: Conversation): Models.Conversation {
  const comms = [...conv.communications.values()];
  const transfers: Models.TransferResponse[] = [...conv.commands.values()].map((t) => ({
    id: t.id,
    transferType: t.transferType,
    state: t.finalState ?? (t.progressed ? TRANSFER_STATE.progressing : TRANSFER_STATE.initiated),
  }));
  // Consult transfers have no command id: the destination communication stands for it.
  for (const c of conv.consults)
    transfers.push({
      id: c.destinationCommunicationId,
      transferType: 'Attended',
      state: c.ended
        ? TRANSFER_STATE.ended
        : c.progressed
          ? TRANSFER_STATE.progressing
          : TRANSFER_STATE.initiated,
    });
  const view: Models.Conversation = {
    id: conv.id,
    startTime: conv.startTime,
    participants: comms.map(participantOf),
    recentTransfers: transfers,
  };
  if (comms.length && comms.every((c) => c.ended)) {
    view.endTime = comms.reduce((a, c) => ((c.endTime ?? '') > a ? (c.endTime ?? '') : a), '');
    view.state = 'disconnected';
  } else view.state = 'connected';
  return view;
}
