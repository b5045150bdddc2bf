// Turning Engage parties into Genesys Cloud communications, in the order they joined, as soon as each
// can be: an extension once its agent is known, a dialled number once the agent who dialled it is.
import {
  answered,
  consultEvent,
  endTransfer,
  ended,
  establish,
  holdUpdated,
  liveOf,
  progressTransfer,
  startTransfer,
} from './comms.ts';
import type { StepContext } from './context.ts';
import { notInjected, qualify } from './chains.ts';
import {
  Cause,
  CallType,
  commOfParty,
  effectiveCtrl,
  findParty,
  isAlerting,
  isConnected,
  isHeld,
  ownComm,
} from './engage.ts';
import type { CallRec, ChainState, CommRec, PartyRec } from './model.ts';

type Identity = { userId: string } | 'out-of-scope' | 'no-agent' | 'unknown';

function identify(ctx: StepContext, call: CallRec, p: PartyRec): Identity {
  // What this call's own events say first; what the DN last said only when they said nothing.
  const d = p.employeeId || p.login || p.noAgent ? undefined : ctx.peekDn(p.dn, call.site);
  const employeeId = p.employeeId ?? d?.employeeId;
  const login = p.login ?? d?.login;
  if (employeeId !== undefined) {
    const u = ctx.dir.userByEmployeeId(employeeId);
    return u ? { userId: u.cloudId } : 'out-of-scope';
  }
  if (login !== undefined) {
    const u = ctx.dir.userByAgentLogin(login, call.site);
    return u ? { userId: u.cloudId } : 'out-of-scope';
  }
  if (p.noAgent) return 'no-agent';
  // EXCS registers only in-scope extensions: for any other no event will ever name the agent.
  if (!ctx.dir.extension(p.dn, call.site)) return 'out-of-scope';
  return 'unknown';
}

/** A party that can never be injected: the call is not injected, or (already injected) suspended. */
function uninjectable(ctx: StepContext, chain: ChainState, p: PartyRec, reason: string): void {
  p.status = 'skipped';
  const detail = `extension ${p.dn}: ${reason === 'no-agent-extension' ? 'no agent logged in' : 'agent outside the sync scope'}`;
  notInjected(ctx, chain, reason, detail);
}

function bind(p: PartyRec, comm: CommRec): void {
  p.status = 'comm';
  p.comm = comm.key;
}

/** A chain whose first call came in over an ISCC trunk waits until ISLinkList joins it to its home call. */
function waitingForLink(chain: ChainState): boolean {
  const main = Object.values(chain.calls).find((c) => c.role === 'main');
  const first = main?.parties[main.order[0] ?? ''];
  return first?.kind === 'trunk' && main?.type !== CallType.Outbound;
}

export function reconcile(ctx: StepContext, chain: ChainState): void {
  if (chain.mode !== 'pending' && chain.mode !== 'live') return;
  if (waitingForLink(chain)) return;
  for (const call of Object.values(chain.calls)) {
    for (const uuid of call.order) {
      const p = call.parties[uuid];
      if (!p || p.status !== 'pending' || p.gone) continue;
      if (!establishParty(ctx, chain, call, p)) return; // later parties wait for this one
      if (chain.mode !== 'pending' && chain.mode !== 'live') return;
    }
  }
}

/** False when the party must wait (and those after it with it). */
function establishParty(ctx: StepContext, chain: ChainState, call: CallRec, p: PartyRec): boolean {
  switch (p.kind) {
    case 'trunk':
    case 'unknown':
      p.status = 'skipped';
      return true;
    case 'rp':
      return establishRp(ctx, chain, call, p);
    case 'external':
      return establishExternal(ctx, chain, call, p);
    case 'extension':
      return establishExtension(ctx, chain, call, p);
  }
}

function establishRp(ctx: StepContext, chain: ChainState, call: CallRec, p: PartyRec): boolean {
  // A queue's routing communication (from the VQ) stands for RPs reached by transfer or consultation,
  // and for the RP a call returns to when an agent did not answer.
  if (
    call.role === 'consult' ||
    p.cause === Cause.SingleStepTransfer ||
    liveOf(chain, 'routing') ||
    liveOf(chain, 'ivr')
  ) {
    p.status = 'skipped';
    return true;
  }
  const customer = liveOf(chain, 'external');
  if (!customer) return false;
  bind(
    p,
    establish(ctx, chain, {
      purpose: 'ivr',
      key: p.uuid,
      party: p.uuid,
      dn: p.dn,
      invitedBy: customer,
      alerting: false,
      inbound: true,
    }),
  );
  return true;
}

function establishExternal(ctx: StepContext, chain: ChainState, call: CallRec, p: PartyRec): boolean {
  const origin = call.order[0] === p.uuid;
  if (origin && call.role !== 'consult') {
    const comm = establish(ctx, chain, {
      purpose: 'external',
      key: p.uuid,
      party: p.uuid,
      alerting: false,
      inbound: call.type !== CallType.Outbound,
      ani: call.ani ?? p.dn,
      dnis: call.dnis,
    });
    bind(p, comm);
    return true;
  }
  const ctrl = effectiveCtrl(chain, call, p);
  if (ctrl?.status === 'pending') return false;
  const consult = call.role === 'consult' ? chain.consult : undefined;
  const inviter = consult ? chain.comms[consult.initiator] : ctrl?.comm ? chain.comms[ctrl.comm] : undefined;
  const comm = establish(ctx, chain, {
    purpose: 'phone',
    key: p.uuid,
    party: p.uuid,
    dn: p.dn,
    invitedBy: inviter,
    alerting: isAlerting(p.state),
    inbound: false,
  });
  bind(p, comm);
  afterEstablished(ctx, chain, call, p, comm, ctrl);
  return true;
}

function establishExtension(ctx: StepContext, chain: ChainState, call: CallRec, p: PartyRec): boolean {
  const consult = call.role === 'consult' ? chain.consult : undefined;
  const initiator = consult ? chain.comms[consult.initiator] : undefined;
  if (consult && initiator && call.order[0] === p.uuid) {
    bind(p, initiator); // the consulting agent's own leg of the consult call: the same communication
    return true;
  }
  const who = identify(ctx, call, p);
  if (who === 'unknown') return false;
  if (who === 'out-of-scope' || who === 'no-agent') {
    uninjectable(ctx, chain, p, who === 'no-agent' ? 'no-agent-extension' : 'out-of-scope-agent');
    return true;
  }
  const origin = call.order[0] === p.uuid && call.role === 'main';
  const ctrl = effectiveCtrl(chain, call, p);
  let inviter: CommRec | undefined;
  if (origin) inviter = undefined;
  else if (consult && initiator) {
    const dest = consult.dest ? chain.comms[consult.dest] : undefined;
    inviter = dest?.purpose === 'routing' && !dest.ended ? dest : initiator;
  } else if (ctrl && transferOf(chain, call, p)) inviter = ctrl.comm ? chain.comms[ctrl.comm] : undefined;
  else inviter = liveOf(chain, 'routing') ?? liveOf(chain, 'ivr') ?? liveOf(chain, 'external');
  const comm = establish(ctx, chain, {
    purpose: 'user',
    key: p.uuid,
    party: p.uuid,
    dn: p.dn,
    userId: who.userId,
    invitedBy: inviter,
    alerting: !origin,
    inbound: !origin && call.type !== CallType.Outbound,
  });
  bind(p, comm);
  qualify(ctx, chain);
  afterEstablished(ctx, chain, call, p, comm, ctrl);
  return true;
}

/** The single-step transfer that brought this party (directly, or through the ISCC trunk of a leg). */
function transferOf(chain: ChainState, call: CallRec, p: PartyRec): string | undefined {
  if (chain.transfers[p.uuid]) return p.uuid;
  if (
    call.role === 'leg' &&
    call.viaTrunk &&
    chain.transfers[call.viaTrunk] &&
    !chain.transfers[call.viaTrunk]?.dest
  )
    return call.viaTrunk;
  return undefined;
}

/** Transfer or consult events that go with a new destination, then the party's current state. */
function afterEstablished(
  ctx: StepContext,
  chain: ChainState,
  call: CallRec,
  p: PartyRec,
  comm: CommRec,
  ctrl: PartyRec | undefined,
): void {
  const consult = call.role === 'consult' ? chain.consult : undefined;
  if (consult && !consult.dest) {
    consult.dest = comm.key;
    consultEvent(ctx, chain, false);
  } else {
    const t = transferOf(chain, call, p);
    const rec = t ? chain.transfers[t] : undefined;
    const from = rec ? chain.comms[rec.from] : undefined;
    const object = rec ? chain.comms[rec.object] : undefined;
    if (t && from && object && ctrl) {
      startTransfer(ctx, chain, t, comm, from, object);
      progressTransfer(ctx, chain, t);
    }
  }
  applyPartyState(ctx, chain, p);
}

/** Answered / held / retrieved, from the party's telephony state, on the communication it owns. */
export function applyPartyState(ctx: StepContext, chain: ChainState, p: PartyRec): void {
  const comm = ownComm(chain, p);
  if (!comm || comm.ended) return;
  if (isConnected(p.state)) {
    if (comm.alerting && !comm.answered) {
      answered(ctx, chain, comm);
      afterAnswer(ctx, chain, comm);
    }
    holdUpdated(ctx, chain, comm, false);
  } else if (isHeld(p.state)) holdUpdated(ctx, chain, comm, true);
}

/** A person took the call: the queue that offered it leaves, a transfer to it completes. */
function afterAnswer(ctx: StepContext, chain: ChainState, comm: CommRec): void {
  const inviter = comm.invitedBy ? chain.comms[comm.invitedBy] : undefined;
  if (inviter?.purpose === 'routing' && !inviter.ended) {
    ended(ctx, chain, inviter, 'Transfer');
    if (inviter.transfer) endTransfer(ctx, chain, inviter.transfer, 'Completed');
    if (chain.consult?.dest === inviter.key) chain.consult.dest = comm.key;
  }
  if (comm.transfer) endTransfer(ctx, chain, comm.transfer, 'Completed');
}

export { commOfParty, findParty };
