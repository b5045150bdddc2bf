// Genesys Cloud communications of a chain: creating them (the *Established events) and every event that
// changes one (answered, hold, ended, disposition), plus transfer and consult-transfer events.
import type { StepContext } from './context.ts';
import { commandIdOf, communicationIdOf } from './ids.ts';
import type { ChainState, CommRec, Purpose } from './model.ts';

/** Disconnect types of communicationEnded (the SDK's enum). */
export type DisconnectType =
  | 'Error'
  | 'Peer'
  | 'Self'
  | 'System'
  | 'Transfer'
  | 'TransferACD'
  | 'TransferConference'
  | 'TransferConsult'
  | 'TransferUser';

export interface EstablishSpec {
  purpose: Purpose;
  /** Stable identity within the chain: the PartyUUID, or the VQ queueing. */
  key: string;
  party?: string;
  dn?: string;
  userId?: string;
  queueId?: string;
  invitedBy?: CommRec | undefined;
  alerting: boolean;
  inbound: boolean;
  ani?: string | undefined;
  dnis?: string | undefined;
}

export function establish(ctx: StepContext, chain: ChainState, s: EstablishSpec): CommRec {
  const existing = chain.comms[s.key];
  if (existing) return existing;
  const comm: CommRec = {
    key: s.key,
    id: communicationIdOf(chain.conversationId, s.key),
    purpose: s.purpose,
    alerting: s.alerting,
    ...(s.party ? { party: s.party } : {}),
    ...(s.dn ? { dn: s.dn } : {}),
    ...(s.userId ? { userId: s.userId } : {}),
    ...(s.queueId ? { queueId: s.queueId } : {}),
    ...(s.invitedBy ? { invitedBy: s.invitedBy.key } : {}),
  };
  chain.comms[s.key] = comm;
  chain.commOrder.push(s.key);
  const base = {
    communicationId: comm.id,
    initialConfiguration: {
      alerting: s.alerting,
      inbound: s.inbound,
      ...(s.invitedBy ? { invitedBy: s.invitedBy.id } : {}),
    },
    sourceConfiguration: { sourceId: ctx.dir.sourceId ?? '', interactionId: chain.key },
    ...(s.ani ? { ani: s.ani } : {}),
    ...(s.dnis ? { dnis: s.dnis } : {}),
  };
  switch (s.purpose) {
    case 'external':
      ctx.emit(chain, { kind: 'externalEstablishedEvents', event: base });
      break;
    case 'ivr':
      ctx.emit(chain, {
        kind: 'ivrEstablishedEvents',
        event: { ...base, ...(s.dn ? { ivrName: s.dn } : {}) },
      });
      break;
    case 'phone':
      ctx.emit(chain, {
        kind: 'phoneEstablishedEvents',
        event: { ...base, ...(s.dn ? { phoneNumber: s.dn } : {}) },
      });
      break;
    case 'routing':
      ctx.emit(chain, { kind: 'routingEstablishedEvents', event: { ...base, queueId: s.queueId ?? '' } });
      break;
    case 'user':
      ctx.emit(chain, {
        kind: 'userEstablishedEvents',
        event: { ...base, userId: s.userId ?? '', ...(s.dn ? { stationId: s.dn } : {}) },
      });
      break;
  }
  return comm;
}

export function answered(ctx: StepContext, chain: ChainState, comm: CommRec): void {
  if (comm.ended || comm.answered || !comm.alerting) return;
  comm.answered = true;
  ctx.emit(chain, { kind: 'communicationAnsweredEvents', event: { communicationId: comm.id } });
}

export function holdUpdated(ctx: StepContext, chain: ChainState, comm: CommRec, held: boolean): void {
  if (comm.ended || (comm.held ?? false) === held) return;
  comm.held = held;
  ctx.emit(chain, { kind: 'holdUpdatedEvents', event: { communicationId: comm.id, held } });
}

export function ended(ctx: StepContext, chain: ChainState, comm: CommRec, type: DisconnectType): void {
  if (comm.ended) return;
  comm.ended = true;
  comm.held = false;
  ctx.emit(chain, {
    kind: 'communicationEndedEvents',
    event: { communicationId: comm.id, disconnectType: type },
  });
}

export function dispositionApplied(ctx: StepContext, chain: ChainState, comm: CommRec, code: string): void {
  if (comm.dispositioned || comm.purpose !== 'user') return;
  comm.dispositioned = true;
  ctx.emit(chain, {
    kind: 'communicationDispositionAppliedEvents',
    event: { communicationId: comm.id, code },
  });
}

export const isPerson = (c: CommRec): boolean =>
  c.purpose === 'external' || c.purpose === 'user' || c.purpose === 'phone';

export function liveComms(chain: ChainState): CommRec[] {
  const out: CommRec[] = [];
  for (const k of chain.commOrder) {
    const c = chain.comms[k];
    if (c && !c.ended) out.push(c);
  }
  return out;
}

export const liveOf = (chain: ChainState, purpose: Purpose): CommRec | undefined =>
  liveComms(chain).find((c) => c.purpose === purpose);

/** Starts a single-step transfer command towards an injected destination. */
export function startTransfer(
  ctx: StepContext,
  chain: ChainState,
  key: string,
  dest: CommRec,
  from: CommRec,
  object: CommRec,
): void {
  const t = chain.transfers[key];
  // Late news (the destination became known after the caller or the agent left): no transfer to tell.
  if (!t || t.dest || object.ended) return;
  t.dest = dest.key;
  dest.transfer = key;
  const common = {
    transferType: 'Unattended',
    commandId: t.id,
    initiatingCommunicationId: from.id,
    targetCommunicationId: from.id,
    objectCommunicationId: object.id,
  };
  if (dest.purpose === 'routing')
    ctx.emit(chain, {
      kind: 'routingTransferEvents',
      event: { ...common, destinationQueueId: dest.queueId ?? '' },
    });
  else if (dest.purpose === 'user')
    ctx.emit(chain, {
      kind: 'userTransferEvents',
      event: { ...common, destinationUserId: dest.userId ?? '' },
    });
  else
    ctx.emit(chain, {
      kind: 'phoneTransferEvents',
      event: { ...common, destinationPhoneNumber: dest.dn ?? '' },
    });
}

export function progressTransfer(ctx: StepContext, chain: ChainState, key: string): void {
  const t = chain.transfers[key];
  const object = t ? chain.comms[t.object] : undefined;
  const dest = t?.dest ? chain.comms[t.dest] : undefined;
  if (!t || !object || !dest) return;
  ctx.emit(chain, {
    kind: 'progressTransferEvents',
    event: { commandId: t.id, objectCommunicationId: object.id, destinationCommunicationId: dest.id },
  });
}

export function endTransfer(
  ctx: StepContext,
  chain: ChainState,
  key: string,
  finalState: 'Completed' | 'Canceled' | 'Failed',
): void {
  const t = chain.transfers[key];
  const object = t ? chain.comms[t.object] : undefined;
  if (!t || t.done || !object || !t.dest) return;
  t.done = true;
  ctx.emit(chain, {
    kind: 'endTransferEvents',
    event: { commandId: t.id, finalState, objectCommunicationId: object.id },
  });
}

export function newTransferId(chain: ChainState, key: string): string {
  return commandIdOf(chain.conversationId, key);
}

/** consultTransfer / progressConsultTransfer between the consult's initiator, destination and object. */
export function consultEvent(ctx: StepContext, chain: ChainState, progress: boolean): void {
  const k = chain.consult;
  const init = k ? chain.comms[k.initiator] : undefined;
  const dest = k?.dest ? chain.comms[k.dest] : undefined;
  const object = k?.object ? chain.comms[k.object] : undefined;
  if (!k || !init || !dest || !object) return;
  const event = {
    initiatingCommunicationId: init.id,
    destinationCommunicationId: dest.id,
    objectCommunicationId: object.id,
  };
  // The start may not have been told yet (the agent link lagging the VQ link): progress needs it first.
  if (!k.started) {
    k.started = true;
    ctx.emit(chain, { kind: 'consultTransferEvents', event });
  }
  if (progress) ctx.emit(chain, { kind: 'progressConsultTransferEvents', event });
}

export function endConsult(ctx: StepContext, chain: ChainState): void {
  const k = chain.consult;
  if (!k) return;
  delete chain.consult;
  if (k.started) ctx.emit(chain, { kind: 'endConsultTransferEvents', event: {} });
}
